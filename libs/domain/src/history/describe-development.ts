import type { Development } from '../events/development';
import { meetingView } from '../state/entities';
import type { StoryState } from '../state/story-state';
import { formatCount, lastName, placePhrase, qualifiedCount, quoted, sourceSuffix, truncate } from './format';

/** Short names for developments and the entries they act on, as they read in a one-line account. */

/** "Macron – Putin in Moscow": the meeting's participants by last name and its current location. */
export function meetingName(state: StoryState, meetingId: string): string {
  const meeting = meetingView(state, meetingId) ?? scheduledFields(state, meetingId);
  if (!meeting) return meetingId;
  return `${meeting.participants.map(lastName).join(' – ')} ${placePhrase(meeting.location)}`;
}

/** "Russia “No further eastward expansion of NATO”": who made the demand and what it says. */
export function demandName(state: StoryState, demandId: string): string {
  const made = state.developments.get(demandId)?.development;
  if (made?.type !== 'demand-made') return demandId;
  return `${made.by} ${quoted(made.text, 60)}`;
}

/** "Russia near the Ukrainian border": what a troop estimate counts. */
export function troopsName(force: string, location: string): string {
  return `${force} ${placePhrase(location)}`;
}

/**
 * A development named in lower case, without the values a correction may change where it can
 * ("troop estimate for Russia near the Ukrainian border", "statement by Jen Psaki “…”").
 */
export function developmentName(development: Development, state: StoryState, developmentId?: string): string {
  switch (development.type) {
    case 'troop-estimate':
      return `troop estimate for ${troopsName(development.force, development.location)}`;
    case 'meeting-scheduled':
      return `meeting ${developmentId ? meetingName(state, developmentId) : `${development.participants.map(lastName).join(' – ')} ${placePhrase(development.location)}`}`;
    case 'meeting-rescheduled':
      return `rescheduling of meeting ${meetingName(state, development.meetingId)} to ${development.scheduledFor}`;
    case 'meeting-held':
      return `report that meeting ${meetingName(state, development.meetingId)} was held`;
    case 'meeting-cancelled':
      return `report that meeting ${meetingName(state, development.meetingId)} was cancelled`;
    case 'demand-made':
      return `demand by ${development.by} ${quoted(development.text, 60)}`;
    case 'demand-rejected':
      return `rejection by ${development.by.join(', ')} of demand by ${demandName(state, development.demandId)}`;
    case 'demand-accepted':
      return `acceptance by ${development.by.join(', ')} of demand by ${demandName(state, development.demandId)}`;
    case 'statement':
      return `statement by ${development.speaker} ${quoted(development.text, 60)}`;
    case 'denial':
      return `denial by ${development.by} ${quoted(development.text, 60)}`;
    case 'deployment':
      return `deployment of ${formatCount(development.count)} ${development.force} troops to ${development.destination}`;
    case 'note':
      return `note ${quoted(development.text, 60)}`;
    default:
      return assertNever(development);
  }
}

/** A development with its main figure, for a retraction or a timeline entry. */
export function developmentSummary(development: Development, state: StoryState, developmentId?: string): string {
  const name = developmentName(development, state, developmentId);
  switch (development.type) {
    case 'troop-estimate':
      return `${name}: ${qualifiedCount(development.count, development.qualifier)}${sourceSuffix(development.source)}`;
    case 'meeting-scheduled':
      return `${name} scheduled for ${development.scheduledFor}`;
    case 'note':
      return `note: ${truncate(development.text)}`;
    default:
      return name;
  }
}

function scheduledFields(state: StoryState, meetingId: string) {
  const development = state.developments.get(meetingId)?.development;
  return development?.type === 'meeting-scheduled' ? development : undefined;
}

function assertNever(development: never): never {
  throw new TypeError(`Unhandled development ${JSON.stringify(development)}`);
}
