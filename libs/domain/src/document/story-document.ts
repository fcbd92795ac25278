import type { EntryCollection } from '../developments/registry';
import type { DemandView, MeetingView, TroopEstimateView } from '../state/entities';
import type { Redaction } from '../redaction/redaction';
import type { StoryState } from '../state/story-state';
import { ENTRY_COLLECTIONS, type DevelopmentEntry } from '../state/story-views';

export type { DevelopmentEntry } from '../state/story-views';

/** The fields the document takes from the state as they are. */
const STORY_HEADER_FIELDS = ['id', 'revision', 'status', 'headline', 'summary', 'tags', 'createdAt', 'updatedAt', 'updatedBy'] as const;
type StoryHeaderField = (typeof STORY_HEADER_FIELDS)[number];

/**
 * The current-state document of the contract. Collections are objects keyed by id so that a diff
 * path names the entry (`/meetings/01J.../status`), not an array index. The collections of
 * developments shown on their own (statements, denials, deployments, notes…) are those the
 * development types name (`document: { kind: 'entry', collection }`).
 */
export type StoryDocument = Pick<StoryState, StoryHeaderField> & {
  readonly troopEstimates: Readonly<Record<string, TroopEstimateView>>;
  readonly meetings: Readonly<Record<string, Omit<MeetingView, 'developmentId'>>>;
  readonly demands: Readonly<Record<string, Omit<DemandView, 'developmentId'>>>;
} & { readonly [C in EntryCollection]: Readonly<Record<string, DevelopmentEntry>> } & {
  readonly retracted: readonly string[];
  /**
   * Development id → its redactions (which paths, why, when, by whom): the values show as "[redacted]".
   * Absent while the story has none, so the documents (and state hashes) of every story recorded before
   * redaction existed stay what they were.
   */
  readonly redactions?: Readonly<Record<string, readonly Redaction[]>>;
};

/** Documents already made, by state: a state is a value, so its document never changes. */
const documents = new WeakMap<StoryState, StoryDocument>();

/**
 * The reader-facing document of a story's state. Retracted developments have left it. Its
 * collections are kept up to date by `evolve`, so this costs the size of the document, and is made
 * once per state.
 */
export function toStoryDocument(state: StoryState): StoryDocument {
  const made = documents.get(state);
  if (made) return made;
  const { views } = state;
  const header = Object.fromEntries(STORY_HEADER_FIELDS.map((field) => [field, state[field]])) as Pick<StoryState, StoryHeaderField>;
  const entries = Object.fromEntries(ENTRY_COLLECTIONS.map((collection) => [collection, views.entries[collection].toObject()]));
  const document = {
    ...header,
    troopEstimates: views.troopEstimates.toObject(),
    meetings: views.meetings.toObject(),
    demands: views.demands.toObject(),
    ...entries,
    retracted: state.retracted.toArray(),
    ...(state.redactions.size > 0 && { redactions: state.redactions.toObject() }),
  } as unknown as StoryDocument;
  // Shared by every reader of this state, so nobody may change it.
  Object.freeze(document);
  documents.set(state, document);
  return document;
}
