import type { StoryState } from '../state/story-state';
import { namesItsUnit, placePhrase, quoted } from './format';
import { inProse, isCompactName, listOf, shortName } from './names';

/** Short names of the entries developments act on, as they read in a one-line account. */

/** "Macron – Putin in Moscow": the meeting's participants and its current location (`meetingTitle`). */
export function meetingName(state: StoryState, meetingId: string): string {
  const meeting = state.views.meetings.get(meetingId) ?? scheduledFields(state, meetingId);
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

function scheduledFields(state: StoryState, meetingId: string) {
  const development = state.developments.get(meetingId)?.development;
  return development?.type === 'meeting-scheduled' ? development : undefined;
}
