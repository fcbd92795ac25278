import { Query } from '@nestjs/cqrs';
import type { StoryDocument } from '@story-tracker/domain';

/** Which state of the story: the latest, the one right after a revision, or the one at a record time. */
export type StoryPointInTime = { readonly revision: number } | { readonly asOf: Date } | undefined;

/** The state document of a story, now or as it stood then. */
export class GetStoryQuery extends Query<StoryDocument> {
  constructor(
    readonly storyId: string,
    readonly at: StoryPointInTime = undefined,
  ) {
    super();
  }
}
