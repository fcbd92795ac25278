import type { DemandView, MeetingView, TroopEstimateView } from '../state/entities';
import type { StoryState, StoryStatus } from '../state/story-state';
import type { DevelopmentEntry } from '../state/story-views';

export type { DevelopmentEntry } from '../state/story-views';

/**
 * The current-state document of the contract. Collections are objects keyed by id so that a diff
 * path names the entry (`/meetings/01J.../status`), not an array index.
 */
export interface StoryDocument {
  readonly id: string;
  readonly revision: number;
  readonly status: StoryStatus;
  readonly headline: string;
  readonly summary: string;
  readonly tags: readonly string[];
  readonly createdAt: string;
  readonly updatedAt: string;
  readonly updatedBy: string;
  readonly troopEstimates: Readonly<Record<string, TroopEstimateView>>;
  readonly meetings: Readonly<Record<string, Omit<MeetingView, 'developmentId'>>>;
  readonly demands: Readonly<Record<string, Omit<DemandView, 'developmentId'>>>;
  readonly statements: Readonly<Record<string, DevelopmentEntry>>;
  readonly denials: Readonly<Record<string, DevelopmentEntry>>;
  readonly deployments: Readonly<Record<string, DevelopmentEntry>>;
  readonly notes: Readonly<Record<string, DevelopmentEntry>>;
  readonly retracted: readonly string[];
}

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
  const document: StoryDocument = {
    id: state.id,
    revision: state.revision,
    status: state.status,
    headline: state.headline,
    summary: state.summary,
    tags: state.tags,
    createdAt: state.createdAt,
    updatedAt: state.updatedAt,
    updatedBy: state.updatedBy,
    troopEstimates: views.troopEstimates.toObject(),
    meetings: views.meetings.toObject(),
    demands: views.demands.toObject(),
    statements: views.entries.statements.toObject(),
    denials: views.entries.denials.toObject(),
    deployments: views.entries.deployments.toObject(),
    notes: views.entries.notes.toObject(),
    retracted: state.retracted.toArray(),
  };
  // Shared by every reader of this state, so nobody may change it.
  Object.freeze(document);
  documents.set(state, document);
  return document;
}
