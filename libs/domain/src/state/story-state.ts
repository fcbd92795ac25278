import { List } from 'immutable';
import type { Development } from '../events/development';
import type { Redaction } from '../redaction/redaction';
import { LayeredMap } from './layered-map';
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
 * (LayeredMaps, whose base is empty unless the state was decoded from a snapshot, and immutable.js
 * Lists) so that `evolve` returns a new state in O(log n) however long the story is; the reader-facing
 * document is derived from this by `toStoryDocument`.
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
  readonly developments: LayeredMap<string, DevelopmentRecord>;
  /**
   * Meeting or demand id → ids of the developments that act on it, in record order: a few each, so a
   * plain array copied on each addition (and taken as it is from a snapshot).
   */
  readonly related: LayeredMap<string, readonly string[]>;
  /** Retracted development ids, in the order they were retracted. */
  readonly retracted: List<string>;
  /** Development id → its redactions, in the order they were made (the values themselves are gone). */
  readonly redactions: LayeredMap<string, readonly Redaction[]>;
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
  developments: LayeredMap.empty(),
  related: LayeredMap.empty(),
  retracted: List(),
  redactions: LayeredMap.empty(),
  views: emptyStoryViews,
};

/** Every LayeredMap of a state changed by `change`, the rest of the state as it is. */
function withCollections(state: StoryState, change: <K, V>(map: LayeredMap<K, V>) => LayeredMap<K, V>): StoryState {
  const { views } = state;
  return {
    ...state,
    developments: change(state.developments),
    related: change(state.related),
    redactions: change(state.redactions),
    views: {
      troopEstimates: change(views.troopEstimates),
      troopEstimateMarks: change(views.troopEstimateMarks),
      meetings: change(views.meetings),
      demands: change(views.demands),
      entries: Object.fromEntries(Object.entries(views.entries).map(([collection, entries]) => [collection, change(entries)])) as StoryViews['entries'],
    },
  };
}

/** The state with each collection a draft (`LayeredMap.draft`): folded on in place, then `frozenState`. */
export function draftState(state: StoryState): StoryState {
  return withCollections(state, LayeredMap.draft);
}

/** A state folded on from `draftState`, with its drafts frozen: an ordinary state from here on. */
export function frozenState(state: StoryState): StoryState {
  return withCollections(state, (map) => map.freeze());
}
