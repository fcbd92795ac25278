import type { DemandAnsweredFields, Development, DevelopmentOf, DevelopmentType } from '../events/development';
import { namesItsUnit, placePhrase, qualifierWords } from '../history/format';
import { inProse, listOf, partiesInProse } from '../history/names';
import type { StoryState } from '../state/story-state';
import { attribution, countWords, meetingParties, quotation, timeWords, whenWords } from './reader-words';

/**
 * Each development as a reader's clause: what it says, in running prose and the past tense, so that it
 * reads on its own as a sentence ("A meeting between Macron and Putin was held in Moscow") and after
 * "An earlier version of this story said …". The one-line accounts of the revision history
 * (`history/`) are for the newsroom; these are for readers, who get quotations in full and no ids.
 * Every type must have one: a new type that lacks it does not compile.
 */
type Clause<T extends DevelopmentType> = (development: DevelopmentOf<T>, context: ClauseContext) => string;

interface ClauseContext {
  /** The story the clause is read in, for the meetings and demands a development acts on. */
  readonly state: StoryState;
}

const CLAUSES: { readonly [T in DevelopmentType]: Clause<T> } = {
  'troop-estimate': ({ force, location, count, qualifier, capabilityShare, source }) => {
    const figure = qualifier ? `${qualifierWords(qualifier)} ${countWords(count)}` : countWords(count);
    const where = placePhrase(location);
    const head = namesItsUnit(force) ? `there were ${figure} ${force} ${where}` : `${inProse(force)} had ${figure} troops ${where}`;
    const share = capabilityShare !== undefined ? `, ${countWords(capabilityShare)} per cent of the capability needed` : '';
    return `${head}${share}${attribution(source)}`;
  },
  'meeting-scheduled': ({ participants, location, scheduledFor, topic, source }) =>
    `${listOf(participants.map(inProse))} were due to meet ${placePhrase(location)} ${whenWords(scheduledFor)}${topic ? ` (topic: ${topic})` : ''}${attribution(source)}`,
  'meeting-rescheduled': ({ meetingId, scheduledFor, location, source }, { state }) =>
    `${aMeeting(state, meetingId)} was moved to ${timeWords(scheduledFor)}${location ? `, ${placePhrase(location)}` : ''}${attribution(source)}`,
  'meeting-held': ({ meetingId, outcome, source }, { state }) =>
    `${aMeeting(state, meetingId)} was held${meetingPlace(state, meetingId)}${outcome ? ` (outcome: ${outcome})` : ''}${attribution(source)}`,
  'meeting-cancelled': ({ meetingId, reason, source }, { state }) =>
    `a planned ${aMeeting(state, meetingId).replace(/^a /, '')}${meetingPlace(state, meetingId)} was cancelled${reason ? ` (reason given: ${reason})` : ''}${attribution(source)}`,
  'demand-made': ({ by, addressedTo, text, source }) => `${inProse(by)} made a demand of ${partiesInProse(addressedTo)}: ${quotation(text)}${attribution(source, [by])}`,
  'demand-rejected': (answer, { state }) => demandAnswer('rejected', answer, state),
  'demand-accepted': (answer, { state }) => demandAnswer('accepted', answer, state),
  statement: ({ speaker, text, outlet, source }) => {
    const where = [outlet, source?.name].filter((name, index, names): name is string => !!name && name !== speaker && names.indexOf(name) === index);
    return `${inProse(speaker)} said ${quotation(text)}${where.length > 0 ? `, according to ${listOf(where)}` : ''}`;
  },
  denial: ({ by, text, of, source }, { state }) => {
    const denied = of !== undefined ? state.developments.get(of)?.development : undefined;
    return `${inProse(by)} ${denied ? `denied ${deniedWords(denied, state)}, saying` : 'issued a denial:'} ${quotation(text)}${attribution(source, [by])}`;
  },
  deployment: ({ force, count, destination, source }) => `${countWords(count)} ${force}${namesItsUnit(force) ? '' : ' troops'} were sent to ${destination}${attribution(source)}`,
  note: ({ text, source }) => `${text.trim().replace(/\.$/, '')}${attribution(source)}`,
};

/** The development as a reader's clause, read in the story `state` (lower case where it starts with a common word). */
export function readerClause(development: Development, state: StoryState): string {
  return (CLAUSES[development.type] as Clause<DevelopmentType>)(development as never, { state });
}

/**
 * What a denial denies: what someone said is denied as said ("a statement by Jake Sullivan", not "that
 * Jake Sullivan said …"), another denial by whom, anything else as its clause ("that Russia had …").
 */
function deniedWords(denied: Development, state: StoryState): string {
  if (denied.type === 'statement') return `a statement by ${inProse(denied.speaker)}`;
  if (denied.type === 'denial') return `a denial by ${inProse(denied.by)}`;
  return `that ${readerClause(denied, state)}`;
}

/** "a meeting between Macron and Putin", from the meeting a development acts on. */
function aMeeting(state: StoryState, meetingId: string): string {
  const participants = meetingOf(state, meetingId)?.participants;
  return participants ? `a meeting ${meetingParties(participants)}` : 'a meeting';
}

/** " in Moscow": where the meeting is, as it stands in `state`. */
function meetingPlace(state: StoryState, meetingId: string): string {
  const location = meetingOf(state, meetingId)?.location;
  return location ? ` ${placePhrase(location)}` : '';
}

function meetingOf(state: StoryState, meetingId: string): { readonly participants: readonly string[]; readonly location: string } | undefined {
  const scheduled = state.developments.get(meetingId)?.development;
  return state.views.meetings.get(meetingId) ?? (scheduled?.type === 'meeting-scheduled' ? scheduled : undefined);
}

function demandAnswer(answer: 'rejected' | 'accepted', { demandId, by, statement, source }: DemandAnsweredFields, state: StoryState): string {
  const made = state.developments.get(demandId)?.development;
  const demand = made?.type === 'demand-made' ? `the demand by ${inProse(made.by)}, ${quotation(made.text)}` : 'a demand';
  return `${partiesInProse(by)} ${answer} ${demand}${statement ? `, saying ${quotation(statement)}` : ''}${attribution(source, by)}`;
}
