import { QueryHandler, type IQueryHandler } from '@nestjs/cqrs';
import { toStoryDocument, type StoryDocument } from '@story-tracker/domain';
import { StoryLoader } from '../../story-loader/story-loader.service';
import { GetStoryQuery } from './get-story.query';

@QueryHandler(GetStoryQuery)
export class GetStoryHandler implements IQueryHandler<GetStoryQuery, StoryDocument> {
  constructor(private readonly stories: StoryLoader) {}

  async execute({ storyId, at }: GetStoryQuery): Promise<StoryDocument> {
    if (at === undefined) return toStoryDocument(await this.stories.latest(storyId));
    const revision = 'revision' in at ? at.revision : await this.stories.revisionAsOf(storyId, at.asOf);
    return toStoryDocument(await this.stories.stateAt(storyId, revision));
  }
}
