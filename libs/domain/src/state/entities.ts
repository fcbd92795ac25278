import type { Development, Source, TroopQualifier } from '../events/development';
import type { DevelopmentRecord, StoryState } from './story-state';
import { troopEstimateKey } from './troop-estimate-key';

/**
 * Views of the entries that developments create and act on, shared by `decide` and the document. The
 * developments that make and change them say how (`developments/`); `story-views.ts` keeps them.
 */

export type MeetingStatus = 'scheduled' | 'held' | 'cancelled';

export interface MeetingView {
  readonly developmentId: string;
  readonly participants: readonly string[];
  readonly location: string;
  readonly scheduledFor: string;
  readonly status: MeetingStatus;
  readonly topic?: string;
  readonly outcome?: string;
  readonly cancellationReason?: string;
}

export type DemandStatus = 'open' | 'rejected' | 'accepted' | 'mixed';

export interface DemandView {
  readonly developmentId: string;
  readonly by: string;
  readonly addressedTo: readonly string[];
  readonly text: string;
  readonly status: DemandStatus;
  readonly rejectedBy: readonly string[];
  readonly acceptedBy: readonly string[];
}

export interface TroopEstimateView {
  readonly developmentId: string;
  readonly force: string;
  readonly location: string;
  readonly count: number;
  readonly qualifier?: TroopQualifier;
  readonly capabilityShare?: number;
  readonly source?: Source;
  readonly occurredAt?: string;
  readonly recordedAt: string;
  /** The estimate this one replaced as the current figure for the same force and location. */
  readonly supersedes?: string;
}

/**
 * The current troop estimate for each force and location: the one with the latest `occurredAt`
 * (record time where it is absent), a tie going to the later record. A figure recorded late about an
 * earlier moment therefore never overwrites a newer one. Kept up to date by `evolve` (story-views.ts).
 */
export function currentTroopEstimate(state: StoryState, force: string, location: string): TroopEstimateView | undefined {
  return state.views.troopEstimates.get(troopEstimateKey(force, location));
}

/** World time of a development: when it happened, or when it was recorded if nobody said (or said something unreadable). */
export function worldTimeOf(development: Development, recordedAt: string): number {
  const occurred = development.occurredAt !== undefined ? Date.parse(development.occurredAt) : Number.NaN;
  return Number.isNaN(occurred) ? Date.parse(recordedAt) : occurred;
}

/** When a record (or an estimate's mark) happened in the world, and when it was recorded. */
type WorldTimed = Pick<DevelopmentRecord, 'worldTime' | 'revision'>;

/** Later in the world; at the same moment, the later record. */
export function isNewerInWorldTime(a: WorldTimed, b: WorldTimed): boolean {
  return (a.worldTime - b.worldTime || a.revision - b.revision) > 0;
}

export function troopEstimateView(record: DevelopmentRecord, previous: DevelopmentRecord | undefined): TroopEstimateView {
  const estimate = record.development;
  if (estimate.type !== 'troop-estimate') throw new TypeError(`${record.developmentId} is not a troop estimate`);
  return {
    developmentId: record.developmentId,
    force: estimate.force,
    location: estimate.location,
    count: estimate.count,
    ...(estimate.qualifier !== undefined && { qualifier: estimate.qualifier }),
    ...(estimate.capabilityShare !== undefined && { capabilityShare: estimate.capabilityShare }),
    ...(estimate.source !== undefined && { source: estimate.source }),
    ...(estimate.occurredAt !== undefined && { occurredAt: estimate.occurredAt }),
    recordedAt: record.recordedAt,
    ...(previous !== undefined && { supersedes: previous.developmentId }),
  };
}
