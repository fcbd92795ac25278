import { Query } from '@nestjs/cqrs';
import type { RevisionHistoryItem } from '@story-tracker/domain';

export interface RevisionsPage {
  readonly items: readonly RevisionHistoryItem[];
  /** `from` of the next page; null on the last page. */
  readonly nextFrom: number | null;
  /** The story's latest revision. */
  readonly latestRevision: number;
}

/** A page of a story's revision history: who did what, when and why, in words. */
export class GetRevisionsQuery extends Query<RevisionsPage> {
  constructor(
    readonly storyId: string,
    readonly from: number,
    readonly limit: number,
  ) {
    super();
  }
}
