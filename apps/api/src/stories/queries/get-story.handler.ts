import { QueryHandler, type IQueryHandler } from '@nestjs/cqrs';
import { DomainError, toStoryDocument, type StoryDocument } from '@story-tracker/domain';
import { StoryStateLoader } from '../story-state.loader';
import { GetStoryQuery } from './get-story.query';

@QueryHandler(GetStoryQuery)
export class GetStoryHandler implements IQueryHandler<GetStoryQuery, StoryDocument> {
  constructor(private readonly loader: StoryStateLoader) {}

  async execute({ storyId }: GetStoryQuery): Promise<StoryDocument> {
    const state = await this.loader.load(storyId);
    if (!state.exists) throw new DomainError('StoryNotFound', `No story ${storyId}`, { storyId });
    return toStoryDocument(state);
  }
}
