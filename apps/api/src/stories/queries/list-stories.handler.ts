import { QueryHandler, type IQueryHandler } from '@nestjs/cqrs';
import { InvalidCursorError, StoryListQuery, type StoryListPage } from '@story-tracker/projections';
import { validationFailed } from '../../errors/api-error';
import { ListStoriesQuery } from './list-stories.query';

@QueryHandler(ListStoriesQuery)
export class ListStoriesHandler implements IQueryHandler<ListStoriesQuery, StoryListPage> {
  constructor(private readonly stories: StoryListQuery) {}

  async execute({ filter }: ListStoriesQuery): Promise<StoryListPage> {
    try {
      return this.stories.page(filter);
    } catch (error) {
      if (error instanceof InvalidCursorError) throw validationFailed([{ field: 'cursor', messages: [error.message] }]);
      throw error;
    }
  }
}
