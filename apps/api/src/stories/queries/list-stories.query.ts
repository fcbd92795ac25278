import { Query } from '@nestjs/cqrs';
import type { StoryListFilter, StoryListPage } from '@story-tracker/projections';

/** A page of the story list, newest change first. */
export class ListStoriesQuery extends Query<StoryListPage> {
  constructor(readonly filter: StoryListFilter) {
    super();
  }
}
