import type {
  DemandAccepted,
  DemandMade,
  DemandRejected,
  DenialRecorded,
  DeploymentRecorded,
  MeetingCancelled,
  MeetingHeld,
  MeetingRescheduled,
  MeetingScheduled,
  NoteAdded,
  StatementRecorded,
  TroopEstimateRecorded,
} from '../events/story-event';
import { currentTroopEstimate, demandView, meetingView } from '../state/entities';
import type { StoryState } from '../state/story-state';
import { demandName, developmentName, estimateName, meetingName, meetingTitle } from './describe-development';
import { capitalize, change, forceCount, qualifiedCount, quoted, sourceSuffix, truncate } from './format';
import { inProse, partiesInProse } from './names';

/**
 * One-line accounts of development events. Each gets the state before the event and the state after
 * it, so that it can name what changed ("scheduled → held", "92,000 → 100,000").
 */

export function describeTroopEstimate({ data }: TroopEstimateRecorded, before: StoryState, after: StoryState): string {
  const previous = currentTroopEstimate(before, data.force, data.location);
  const current = currentTroopEstimate(after, data.force, data.location);
  const share = data.capabilityShare !== undefined ? `, ${data.capabilityShare}% of the capability needed` : '';
  const figure = `${qualifiedCount(data.count, data.qualifier)}${share}${sourceSuffix(data.source)}`;
  const head = `${capitalize(estimateName(data.force, data.location))}: `;
  if (current && current.developmentId !== data.developmentId) {
    // Recorded late about an earlier moment: the newer figure stays current.
    return `${head}${figure}; earlier than the current ${qualifiedCount(current.count, current.qualifier)}`;
  }
  return previous ? `${head}${change(qualifiedCount(previous.count, previous.qualifier), figure)}` : `${head}${figure}`;
}

export function describeMeetingScheduled({ data }: MeetingScheduled): string {
  const topic = data.topic ? `, topic: ${truncate(data.topic, 80)}` : '';
  return `Meeting ${meetingTitle(data.participants, data.location)} scheduled for ${data.scheduledFor}${topic}${sourceSuffix(data.source)}`;
}

export function describeMeetingRescheduled({ data }: MeetingRescheduled, before: StoryState): string {
  const meeting = meetingView(before, data.meetingId);
  const time = change(meeting?.scheduledFor ?? 'unknown', data.scheduledFor);
  const moved = meeting && data.location !== undefined && data.location !== meeting.location ? `, location ${change(meeting.location, data.location)}` : '';
  return `Meeting ${meetingName(before, data.meetingId)} rescheduled: ${time}${moved}${sourceSuffix(data.source)}`;
}

export function describeMeetingHeld({ data }: MeetingHeld, before: StoryState, after: StoryState): string {
  const outcome = data.outcome ? `; outcome: ${truncate(data.outcome, 80)}` : '';
  return `${meetingStatusChange(data.meetingId, before, after)}${outcome}${sourceSuffix(data.source)}`;
}

export function describeMeetingCancelled({ data }: MeetingCancelled, before: StoryState, after: StoryState): string {
  const reason = data.reason ? ` (reason: ${truncate(data.reason, 80)})` : '';
  return `${meetingStatusChange(data.meetingId, before, after)}${reason}${sourceSuffix(data.source)}`;
}

function meetingStatusChange(meetingId: string, before: StoryState, after: StoryState): string {
  const from = meetingView(before, meetingId)?.status ?? 'unknown';
  const to = meetingView(after, meetingId)?.status ?? 'unknown';
  return `Meeting ${meetingName(before, meetingId)}: ${change(from, to)}`;
}

export function describeDemandMade({ data }: DemandMade): string {
  return `Demand by ${inProse(data.by)} to ${partiesInProse(data.addressedTo)}: ${quoted(data.text)}${sourceSuffix(data.source, [data.by])}`;
}

/**
 * "open → rejected by the United States and NATO"; where the status is not the answer itself,
 * "rejected → mixed (accepted by the EU)"; where it stays, "rejected, now also by NATO".
 */
export function describeDemandAnswered(event: DemandRejected | DemandAccepted, before: StoryState, after: StoryState): string {
  const { data } = event;
  const answer = event.type === 'DemandRejected' ? 'rejected' : 'accepted';
  const from = demandView(before, data.demandId)?.status ?? 'unknown';
  const to = demandView(after, data.demandId)?.status ?? 'unknown';
  const by = partiesInProse(data.by);
  const status = from === to && to === answer ? `${to}, now also by ${by}` : to === answer ? `${change(from, to)} by ${by}` : `${change(from, to)} (${answer} by ${by})`;
  const statement = data.statement ? `: ${quoted(data.statement, 80)}` : '';
  return `Demand by ${demandName(before, data.demandId)}: ${status}${statement}${sourceSuffix(data.source)}`;
}

export function describeStatement({ data }: StatementRecorded): string {
  const outlet = data.outlet ? ` (${data.outlet})` : '';
  return `Statement by ${inProse(data.speaker)}${outlet}: ${quoted(data.text)}${sourceSuffix(data.source, [data.speaker, data.outlet])}`;
}

export function describeDenial({ data }: DenialRecorded, before: StoryState): string {
  const denied = data.of !== undefined ? before.developments.get(data.of) : undefined;
  const of = denied ? ` of ${developmentName(denied.development, before, denied.developmentId)}` : '';
  return `Denial by ${inProse(data.by)}${of}: ${quoted(data.text)}${sourceSuffix(data.source, [data.by])}`;
}

export function describeDeployment({ data }: DeploymentRecorded): string {
  return `Deployment: ${forceCount(data.count, data.force)} to ${data.destination}${sourceSuffix(data.source)}`;
}

export function describeNote({ data }: NoteAdded): string {
  return `Note: ${truncate(data.text)}${sourceSuffix(data.source)}`;
}
