import { Module } from '@nestjs/common';
import { CqrsModule } from '@nestjs/cqrs';
import { StoryLoaderModule } from '../story-loader/story-loader.module';
import { GetAuditHandler } from './queries/get-audit.handler';
import { GetRawLogHandler } from './queries/get-raw-log.handler';
import { StoryAuditController } from './story-audit.controller';

export const AUDIT_QUERY_HANDLERS = [GetRawLogHandler, GetAuditHandler];

/** The raw log and the audit read the stream as stored; the story loader only checks that the story exists. */
@Module({
  imports: [CqrsModule, StoryLoaderModule],
  controllers: [StoryAuditController],
  providers: [...AUDIT_QUERY_HANDLERS],
})
export class AuditModule {}
