import type { RecordedStoryEvent } from '../events/story-event';
import type { StoryState } from '../state/story-state';

/** What a reporter can watch for. */
export const ALERT_KINDS = ['estimate', 'meeting', 'demand', 'correction', 'retraction', 'headline'] as const;
export type AlertKind = (typeof ALERT_KINDS)[number];

export const DEFAULT_ESTIMATE_THRESHOLD_PERCENT = 10;
export const MAX_ESTIMATE_THRESHOLD_PERCENT = 1000;

/** What a watch asks for: the kinds it cares about, and how far a troop estimate must move. */
export interface WatchRule {
  readonly on: ReadonlySet<AlertKind>;
  readonly estimateThresholdPercent: number;
}

/**
 * The alert one event raises for one watch, if any: the kind, or undefined. One event raises at most
 * one alert per watch. A correction (or a retraction) is `correction` (`retraction`) when the watch has
 * that kind; otherwise it counts as the change it makes to the story, like any other event:
 * - `estimate`: the current figure for a force and location moves by at least the threshold from the
 *   previous current figure, or a first figure appears for it (a late record that does not change the
 *   current figure is none);
 * - `meeting`: a meeting held, cancelled or rescheduled (a newly scheduled one is none);
 * - `demand`: a demand's status changes (a new demand, or a rejection that leaves it rejected, is none);
 * - `headline`: the headline is revised.
 * Pure: `before` and `after` are the story's states around the event.
 */
export function materialChange(event: RecordedStoryEvent, before: StoryState, after: StoryState, watch: WatchRule): AlertKind | undefined {
  if (event.type === 'DevelopmentCorrected' && watch.on.has('correction')) return 'correction';
  if (event.type === 'DevelopmentRetracted' && watch.on.has('retraction')) return 'retraction';
  if (watch.on.has('estimate') && estimateMoved(before, after, watch.estimateThresholdPercent)) return 'estimate';
  if (watch.on.has('meeting') && meetingChanged(before, after)) return 'meeting';
  if (watch.on.has('demand') && demandChanged(before, after)) return 'demand';
  if (watch.on.has('headline') && before.exists && before.headline !== after.headline) return 'headline';
  return undefined;
}

function estimateMoved(before: StoryState, after: StoryState, thresholdPercent: number): boolean {
  for (const [key, current] of after.views.troopEstimates) {
    const next = current.count;
    const previous = before.views.troopEstimates.get(key)?.count;
    // A redacted figure ("[redacted]") is no number to compare.
    if (typeof next !== 'number' || next === previous) continue;
    if (previous === undefined) return true;
    if (typeof previous === 'number' && previous !== 0 && (Math.abs(next - previous) / previous) * 100 >= thresholdPercent) return true;
    if (previous === 0) return true;
  }
  return false;
}

function meetingChanged(before: StoryState, after: StoryState): boolean {
  for (const [meetingId, meeting] of after.views.meetings) {
    const earlier = before.views.meetings.get(meetingId);
    if (!earlier) continue;
    if (earlier.status !== meeting.status && meeting.status !== 'scheduled') return true;
    if (meeting.status === 'scheduled' && earlier.scheduledFor !== meeting.scheduledFor) return true;
  }
  return false;
}

function demandChanged(before: StoryState, after: StoryState): boolean {
  for (const [demandId, demand] of after.views.demands) {
    const earlier = before.views.demands.get(demandId);
    if (earlier && earlier.status !== demand.status) return true;
  }
  return false;
}
