import { Query } from '@nestjs/cqrs';
import type { DocumentBytes } from '../documents/document-bytes';

/** Which state of the story: the latest, the one right after a revision, or the one at a record time. */
export type StoryPointInTime = { readonly revision: number } | { readonly asOf: Date } | undefined;

/** The state document of a story, now or as it stood then, serialized (as it is sent). */
export class GetStoryQuery extends Query<DocumentBytes> {
  constructor(
    readonly storyId: string,
    readonly at: StoryPointInTime = undefined,
  ) {
    super();
  }
}
