import { Module } from '@nestjs/common';
import { StoryAuditController } from './story-audit.controller';

/** The raw log and the audit read the stream as stored; they need no time machine. */
@Module({ controllers: [StoryAuditController] })
export class AuditModule {}
