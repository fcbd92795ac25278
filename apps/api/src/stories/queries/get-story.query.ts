import { Query } from '@nestjs/cqrs';
import type { StoryDocument } from '@story-tracker/domain';

/** The current state document of a story. */
export class GetStoryQuery extends Query<StoryDocument> {
  constructor(readonly storyId: string) {
    super();
  }
}
