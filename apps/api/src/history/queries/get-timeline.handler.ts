import { QueryHandler, type IQueryHandler } from '@nestjs/cqrs';
import { recordOrder, timeline, type TimelineEntry } from '@story-tracker/domain';
import { StoryLoader } from '../../story-loader/story-loader.service';
import { GetTimelineQuery } from './get-timeline.query';

@QueryHandler(GetTimelineQuery)
export class GetTimelineHandler implements IQueryHandler<GetTimelineQuery, { items: readonly TimelineEntry[] }> {
  constructor(private readonly stories: StoryLoader) {}

  async execute({ storyId, order }: GetTimelineQuery): Promise<{ items: readonly TimelineEntry[] }> {
    const state = await this.stories.latest(storyId);
    return { items: order === 'world' ? timeline(state) : recordOrder(state) };
  }
}
