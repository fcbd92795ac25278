import type { Development, Source, TroopQualifier } from '../events/development';
import { liveDevelopment, relatedDevelopments } from './development-lookup';
import type { DevelopmentRecord, StoryState } from './story-state';
import { troopEstimateKey } from './troop-estimate-key';

/** Views of the entries that developments create and act on, shared by `decide` and the document. */

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

/** The meeting a `meeting-scheduled` development created, with everything done to it since. */
export function meetingView(state: StoryState, meetingId: string): MeetingView | undefined {
  const scheduled = liveDevelopment(state, meetingId)?.development;
  if (scheduled?.type !== 'meeting-scheduled') return undefined;
  let meeting: MeetingView = {
    developmentId: meetingId,
    participants: scheduled.participants,
    location: scheduled.location,
    scheduledFor: scheduled.scheduledFor,
    status: 'scheduled',
    ...(scheduled.topic !== undefined && { topic: scheduled.topic }),
  };
  for (const { development } of relatedDevelopments(state, meetingId)) {
    switch (development.type) {
      case 'meeting-rescheduled':
        meeting = { ...meeting, scheduledFor: development.scheduledFor, location: development.location ?? meeting.location };
        break;
      case 'meeting-held':
        meeting = { ...meeting, status: 'held', ...(development.outcome !== undefined && { outcome: development.outcome }) };
        break;
      case 'meeting-cancelled':
        meeting = {
          ...meeting,
          status: 'cancelled',
          ...(development.reason !== undefined && { cancellationReason: development.reason }),
        };
        break;
    }
  }
  return meeting;
}

/** The demand a `demand-made` development created, with who rejected or accepted it. */
export function demandView(state: StoryState, demandId: string): DemandView | undefined {
  const made = liveDevelopment(state, demandId)?.development;
  if (made?.type !== 'demand-made') return undefined;
  const rejectedBy = new Set<string>();
  const acceptedBy = new Set<string>();
  for (const { development } of relatedDevelopments(state, demandId)) {
    if (development.type === 'demand-rejected') development.by.forEach((party) => rejectedBy.add(party));
    if (development.type === 'demand-accepted') development.by.forEach((party) => acceptedBy.add(party));
  }
  return {
    developmentId: demandId,
    by: made.by,
    addressedTo: made.addressedTo,
    text: made.text,
    status: demandStatus(rejectedBy.size, acceptedBy.size),
    rejectedBy: [...rejectedBy],
    acceptedBy: [...acceptedBy],
  };
}

function demandStatus(rejections: number, acceptances: number): DemandStatus {
  if (rejections > 0 && acceptances > 0) return 'mixed';
  if (rejections > 0) return 'rejected';
  if (acceptances > 0) return 'accepted';
  return 'open';
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

/** Later in the world; at the same moment, the later record. */
export function isNewerInWorldTime(a: DevelopmentRecord, b: DevelopmentRecord): boolean {
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
