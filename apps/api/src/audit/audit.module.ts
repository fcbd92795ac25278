import { Module } from '@nestjs/common';
import { HistoryModule } from '../history/history.module';
import { StoryAuditController } from './story-audit.controller';

@Module({ imports: [HistoryModule], controllers: [StoryAuditController] })
export class AuditModule {}
