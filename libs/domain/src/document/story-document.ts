import type { Development, DevelopmentType } from '../events/development';
import {
  currentTroopEstimates,
  demandView,
  meetingView,
  type DemandView,
  type MeetingView,
  type TroopEstimateView,
} from '../state/entities';
import type { DevelopmentRecord, StoryState, StoryStatus } from '../state/story-state';

/** A development shown on its own (statements, denials, deployments, notes). */
export type DevelopmentEntry = { readonly developmentId: string; readonly recordedAt: string } & Omit<Development, 'type'>;

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

const STANDALONE_COLLECTIONS = {
  statement: 'statements',
  denial: 'denials',
  deployment: 'deployments',
  note: 'notes',
} as const satisfies Partial<Record<DevelopmentType, keyof StoryDocument>>;

/** Derives the reader-facing document from a story's state. Retracted developments leave it. */
export function toStoryDocument(state: StoryState): StoryDocument {
  const meetings: Record<string, Omit<MeetingView, 'developmentId'>> = {};
  const demands: Record<string, Omit<DemandView, 'developmentId'>> = {};
  const standalone = { statements: {}, denials: {}, deployments: {}, notes: {} } as Record<
    (typeof STANDALONE_COLLECTIONS)[keyof typeof STANDALONE_COLLECTIONS],
    Record<string, DevelopmentEntry>
  >;
  for (const record of state.developments.values()) {
    if (record.retraction) continue;
    const { type } = record.development;
    if (type === 'meeting-scheduled') meetings[record.developmentId] = withoutId(meetingView(state, record.developmentId)!);
    else if (type === 'demand-made') demands[record.developmentId] = withoutId(demandView(state, record.developmentId)!);
    else if (type in STANDALONE_COLLECTIONS) {
      standalone[STANDALONE_COLLECTIONS[type as keyof typeof STANDALONE_COLLECTIONS]][record.developmentId] = entryOf(record);
    }
  }
  return {
    id: state.id,
    revision: state.revision,
    status: state.status,
    headline: state.headline,
    summary: state.summary,
    tags: state.tags,
    createdAt: state.createdAt,
    updatedAt: state.updatedAt,
    updatedBy: state.updatedBy,
    troopEstimates: currentTroopEstimates(state),
    meetings,
    demands,
    ...standalone,
    retracted: state.retracted.toArray(),
  };
}

function entryOf(record: DevelopmentRecord): DevelopmentEntry {
  const { type: _type, ...fields } = record.development;
  return { developmentId: record.developmentId, ...fields, recordedAt: record.recordedAt };
}

function withoutId<T extends { developmentId: string }>(view: T): Omit<T, 'developmentId'> {
  const { developmentId: _id, ...rest } = view;
  return rest;
}
