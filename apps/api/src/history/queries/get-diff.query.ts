import { Query } from '@nestjs/cqrs';
import type { DocumentChange, WordDiffPart } from '@story-tracker/domain';

export interface StoryDiff {
  readonly from: number;
  readonly to: number;
  readonly changes: readonly DocumentChange[];
  /** What each event between the two revisions did, in words. */
  readonly descriptions: readonly string[];
  /** Word-level diffs of the headline and summary, present when they changed. */
  readonly text: { readonly headline?: readonly WordDiffPart[]; readonly summary?: readonly WordDiffPart[] };
}

/** What changed between two revisions of a story (`to` defaults to the latest). */
export class GetDiffQuery extends Query<StoryDiff> {
  constructor(
    readonly storyId: string,
    readonly from: number,
    readonly to: number | undefined,
  ) {
    super();
  }
}
