import { List, Map as ImmutableMap, OrderedMap } from 'immutable';
import type { Development } from '../events/development';
import type { Redaction } from '../redaction/redaction';
import { emptyStoryViews, type StoryViews } from './story-views';

export type StoryStatus = 'draft' | 'published' | 'archived';

/** One development as it stands now: its corrected fields, and whether it was retracted. */
export interface DevelopmentRecord {
  readonly developmentId: string;
  readonly development: Development;
  readonly revision: number;
  readonly recordedAt: string;
  readonly recordedBy: string;
  /** When it happened in the world (ms since the epoch): `occurredAt` when readable, else the record time. */
  readonly worldTime: number;
  readonly corrections: number;
  readonly retraction?: { readonly reason: string; readonly revision: number; readonly at: string };
}

/**
 * What the decider needs to know about a story, folded from its events. Collections are persistent
 * (immutable.js) so that `evolve` returns a new state in O(log n) however long the story is; the
 * reader-facing document is derived from this by `toStoryDocument`.
 */
export interface StoryState {
  readonly exists: boolean;
  readonly id: string;
  readonly revision: number;
  readonly status: StoryStatus;
  readonly headline: string;
  readonly summary: string;
  readonly tags: readonly string[];
  readonly createdAt: string;
  readonly updatedAt: string;
  readonly updatedBy: string;
  /** Every development ever recorded, retracted ones too, in record order. */
  readonly developments: OrderedMap<string, DevelopmentRecord>;
  /** Meeting or demand id → ids of the developments that act on it, in record order. */
  readonly related: ImmutableMap<string, List<string>>;
  /** Retracted development ids, in the order they were retracted. */
  readonly retracted: List<string>;
  /** Development id → its redactions, in the order they were made (the values themselves are gone). */
  readonly redactions: OrderedMap<string, readonly Redaction[]>;
  /** The document's collections, kept up to date event by event. */
  readonly views: StoryViews;
}

export const initialStoryState: StoryState = {
  exists: false,
  id: '',
  revision: 0,
  status: 'draft',
  headline: '',
  summary: '',
  tags: [],
  createdAt: '',
  updatedAt: '',
  updatedBy: '',
  developments: OrderedMap(),
  related: ImmutableMap(),
  retracted: List(),
  redactions: OrderedMap(),
  views: emptyStoryViews,
};
