import { Query } from '@nestjs/cqrs';
import type { ChangeItem } from '../change-feed.service';

export interface ChangesPage {
  readonly items: readonly ChangeItem[];
  /** With `since`: the position to ask from next (the last one returned, or `since` when nothing is new). */
  readonly nextSince?: number;
  /** Newest first: the position to page back from, null at the very first change. */
  readonly nextBefore?: number | null;
}

/** A page of the change feed: in order after `since`, or else newest first before `before` (or the end). */
export class GetChangesQuery extends Query<ChangesPage> {
  constructor(
    readonly limit: number,
    readonly since?: number,
    readonly before?: number,
  ) {
    super();
  }
}
