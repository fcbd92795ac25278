import type { Development } from '../events/development';
import { meetingView } from '../state/entities';
import type { StoryState } from '../state/story-state';
import { forceCount, namesItsUnit, placePhrase, qualifiedCount, quoted, sourceSuffix, truncate, withoutParentheses } from './format';
import { inProse, isCompactName, listOf, partiesInProse, shortName } from './names';

/** Short names for developments and the entries they act on, as they read in a one-line account. */

/** "Macron – Putin in Moscow": the meeting's participants and its current location (`meetingTitle`). */
export function meetingName(state: StoryState, meetingId: string): string {
  const meeting = meetingView(state, meetingId) ?? scheduledFields(state, meetingId);
  if (!meeting) return meetingId;
  return meetingTitle(meeting.participants, meeting.location);
}

/**
 * Who meets where, after the word "meeting": two people or one-word parties as "Macron – Putin in
 * Moscow"; more, or an institution, as "of Germany, France, Russia and Ukraine in Paris", "of Scholz
 * and the Ukrainian government in Kyiv". The place is not repeated when the last party names it ("the
 * government in Kyiv").
 */
export function meetingTitle(participants: readonly string[], location: string): string {
  const place = placePhrase(location);
  const who =
    participants.length === 2 && participants.every(isCompactName)
      ? participants.map(shortName).join(' – ')
      : `of ${listOf(participants.map((participant) => inProse(shortName(participant))))}`;
  return who.endsWith(place) ? who : `${who} ${place}`;
}

/** "Russia “No further eastward expansion of NATO”": who made the demand and what it says. */
export function demandName(state: StoryState, demandId: string): string {
  const made = state.developments.get(demandId)?.development;
  if (made?.type !== 'demand-made') return demandId;
  return `${inProse(made.by)} ${quoted(made.text, 60)}`;
}

/** "Russia near the Ukrainian border": what a troop estimate counts. */
export function troopsName(force: string, location: string): string {
  return `${force} ${placePhrase(location)}`;
}

/**
 * What a troop estimate is, in lower case: "troop estimate for Russia near the Ukrainian border", or
 * "estimate of US troops in Poland" when the force names its unit.
 */
export function estimateName(force: string, location: string): string {
  return namesItsUnit(force) ? `estimate of ${troopsName(force, location)}` : `troop estimate for ${troopsName(force, location)}`;
}

/**
 * A development named in lower case, without the values a correction may change where it can
 * ("troop estimate for Russia near the Ukrainian border", "statement by Jen Psaki “…”").
 */
export function developmentName(development: Development, state: StoryState, developmentId?: string): string {
  switch (development.type) {
    case 'troop-estimate':
      return estimateName(development.force, development.location);
    case 'meeting-scheduled':
      return `meeting ${developmentId ? meetingName(state, developmentId) : meetingTitle(development.participants, development.location)}`;
    case 'meeting-rescheduled':
      return `rescheduling of meeting ${meetingName(state, development.meetingId)} to ${development.scheduledFor}`;
    case 'meeting-held':
      return `report that meeting ${meetingName(state, development.meetingId)} was held`;
    case 'meeting-cancelled':
      return `report that meeting ${meetingName(state, development.meetingId)} was cancelled`;
    case 'demand-made':
      return `demand by ${inProse(development.by)} ${quoted(development.text, 60)}`;
    case 'demand-rejected':
      return `rejection by ${partiesInProse(development.by)} of demand by ${demandName(state, development.demandId)}`;
    case 'demand-accepted':
      return `acceptance by ${partiesInProse(development.by)} of demand by ${demandName(state, development.demandId)}`;
    case 'statement':
      return `statement by ${inProse(development.speaker)} ${quoted(development.text, 60)}`;
    case 'denial':
      return `denial by ${inProse(development.by)} ${quoted(development.text, 60)}`;
    case 'deployment':
      return `deployment of ${forceCount(development.count, development.force)} to ${development.destination}`;
    case 'note':
      return `note ${quoted(development.text, 60)}`;
    default:
      return assertNever(development);
  }
}

/**
 * A development with its main figure as a phrase for running text, for a retraction: "troop estimate of
 * 100,000 for Russia near the Ukrainian border, according to US officials", "note “…”".
 */
export function developmentPhrase(development: Development, state: StoryState, developmentId?: string): string {
  switch (development.type) {
    case 'troop-estimate': {
      const { count, qualifier, force, location, source } = development;
      const figure = namesItsUnit(force)
        ? `estimate of ${forceCount(count, force, qualifier)} ${placePhrase(location)}`
        : `troop estimate of ${qualifiedCount(count, qualifier)} for ${troopsName(force, location)}`;
      return source?.name ? `${figure}, according to ${withoutParentheses(source.name)}` : figure;
    }
    case 'meeting-scheduled':
      return developmentSummary(development, state, developmentId);
    case 'note':
      return `note ${quoted(development.text)}`;
    default:
      return developmentName(development, state, developmentId);
  }
}

/** A development with its main figure, for a timeline entry. */
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
