import { Query } from '@nestjs/cqrs';
import type { ChangelogItem, ReaderStory } from '@story-tracker/domain';

/** A published story as readers may see it: in prose, and what changed after its publication. */
export interface PublicStory {
  readonly storyId: string;
  /** The record time of its first publication. */
  readonly publishedAt: string;
  /** When readers were last told of a change: the newest item's time, or the publication's. */
  readonly updatedAt: string;
  readonly story: ReaderStory;
  /** Newest first. */
  readonly items: readonly ChangelogItem[];
}

/** A story that has been published (archived since included); StoryNotFound for a draft and for no story alike. */
export class GetPublicStoryQuery extends Query<PublicStory> {
  constructor(readonly storyId: string) {
    super();
  }
}
