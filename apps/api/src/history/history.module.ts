import { Module } from '@nestjs/common';
import { CqrsModule } from '@nestjs/cqrs';
import { StoryLoaderModule } from '../story-loader/story-loader.module';
import { GetDiffHandler } from './queries/get-diff.handler';
import { GetRevisionsHandler } from './queries/get-revisions.handler';
import { GetTimelineHandler } from './queries/get-timeline.handler';
import { StoryHistoryController } from './story-history.controller';

export const HISTORY_QUERY_HANDLERS = [GetRevisionsHandler, GetDiffHandler, GetTimelineHandler];

/** The story's history: revisions in words, diffs, the timeline; the states come from the story loader. */
@Module({
  imports: [CqrsModule, StoryLoaderModule],
  controllers: [StoryHistoryController],
  providers: [...HISTORY_QUERY_HANDLERS],
})
export class HistoryModule {}
