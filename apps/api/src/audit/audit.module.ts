import { Module } from '@nestjs/common';
import { StoryLoaderModule } from '../story-loader/story-loader.module';
import { StoryAuditController } from './story-audit.controller';

/** The raw log and the audit read the stream as stored; the story loader only checks that the story exists. */
@Module({ imports: [StoryLoaderModule], controllers: [StoryAuditController] })
export class AuditModule {}
