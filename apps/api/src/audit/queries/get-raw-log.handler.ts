import { Inject } from '@nestjs/common';
import { QueryHandler, type IQueryHandler } from '@nestjs/cqrs';
import { exportStory, type RawLogEntry } from '@story-tracker/audit';
import type { EventStore } from '@story-tracker/event-store';
import { EVENT_STORE } from '@story-tracker/runtime';
import { StoryLoader } from '../../story-loader/story-loader.service';
import { GetRawLogQuery } from './get-raw-log.query';

@QueryHandler(GetRawLogQuery)
export class GetRawLogHandler implements IQueryHandler<GetRawLogQuery, AsyncIterable<RawLogEntry>> {
  constructor(
    @Inject(EVENT_STORE) private readonly store: EventStore,
    private readonly stories: StoryLoader,
  ) {}

  async execute({ storyId }: GetRawLogQuery): Promise<AsyncIterable<RawLogEntry>> {
    await this.stories.assertExists(storyId);
    return exportStory(this.store, storyId);
  }
}
