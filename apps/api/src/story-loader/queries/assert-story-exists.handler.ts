import { QueryHandler, type IQueryHandler } from '@nestjs/cqrs';
import { StoryLoader } from '../story-loader.service';
import { AssertStoryExistsQuery } from './assert-story-exists.query';

@QueryHandler(AssertStoryExistsQuery)
export class AssertStoryExistsHandler implements IQueryHandler<AssertStoryExistsQuery, void> {
  constructor(private readonly stories: StoryLoader) {}

  execute({ storyId }: AssertStoryExistsQuery): Promise<void> {
    return this.stories.assertExists(storyId);
  }
}
