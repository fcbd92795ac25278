import { Module } from '@nestjs/common';
import { CqrsModule } from '@nestjs/cqrs';
import { GetDiffHandler } from './queries/get-diff.handler';
import { GetRevisionsHandler } from './queries/get-revisions.handler';
import { GetTimelineHandler } from './queries/get-timeline.handler';
import { StoryHistoryController } from './story-history.controller';
import { StoryTimeMachine } from './story-time-machine';

export const HISTORY_QUERY_HANDLERS = [GetRevisionsHandler, GetDiffHandler, GetTimelineHandler];

/** Time travel and the story's history; `StoryTimeMachine` is also the write path's state loader. */
@Module({
  imports: [CqrsModule],
  controllers: [StoryHistoryController],
  providers: [StoryTimeMachine, ...HISTORY_QUERY_HANDLERS],
  exports: [StoryTimeMachine],
})
export class HistoryModule {}
