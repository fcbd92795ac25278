import type { Development, DevelopmentOf } from '../events/development';
import type { RecordedStoryEvent } from '../events/story-event';
import { initialStoryState } from '../state/story-state';
import { fold } from '../story.evolve';
import { corrected, demand, developmentRecorded, meeting, note, opened, recordedEvents, retracted, troops, type GivenEvent } from '../testing';
import { describeEvent } from './describe-event';

/**
 * Awkward inputs and the exact line a copy desk would accept for each. Every row is a story: the
 * description is that of its last event, against the story the others fold to.
 */

/** The description of the last event, given the story the events before it fold to. */
function describeLast(events: readonly GivenEvent[]): string {
  const recorded = recordedEvents([opened(), ...events]);
  return describeEvent(recorded[recorded.length - 1] as RecordedStoryEvent, fold(recorded.slice(0, -1), initialStoryState));
}

const recordedAs = (id: string) => (development: Development) => developmentRecorded(id, development);
const estimate = recordedAs('t1');
const laterEstimate = recordedAs('t2');
const scheduled = (participants: string[], more: Partial<DevelopmentOf<'meeting-scheduled'>> = {}) =>
  developmentRecorded('m1', meeting({ participants, location: 'Kyiv', scheduledFor: '2022-02-14', ...more }));
const statement = (more: Partial<DevelopmentOf<'statement'>>) =>
  developmentRecorded('s1', { type: 'statement', speaker: 'Jake Sullivan', text: 'Russia could invade any day', ...more });
const deployment = (force: string, count: number, destination = 'Poland') => developmentRecorded('p1', { type: 'deployment', force, count, destination });
const demandTo = (addressedTo: string[]) => developmentRecorded('q1', demand({ addressedTo }));
const answered = (id: string, type: 'demand-rejected' | 'demand-accepted', by: string[]) => developmentRecorded(id, { type, demandId: 'q1', by });

type Row = readonly [string, readonly GivenEvent[], string];

const SOURCES: Row[] = [
  ['a source without a url', [estimate(troops(100_000, { source: { name: 'US officials' } }))], 'Troop estimate for Russia near the Ukrainian border: 100,000 (US officials)'],
  ['a source with a url (never shown)', [estimate(troops(100_000, { source: { name: 'US officials', url: 'https://example.com/briefing' } }))], 'Troop estimate for Russia near the Ukrainian border: 100,000 (US officials)'],
  ['a source ending in parentheses', [estimate(troops(100_000, { source: { name: 'US officials (Reuters)' } }))], 'Troop estimate for Russia near the Ukrainian border: 100,000 (US officials, Reuters)'],
  [
    'a source with parentheses inside its name',
    [estimate(troops(100_000, { source: { name: 'Institute for the Study of War (ISW) analysts' } }))],
    'Troop estimate for Russia near the Ukrainian border: 100,000 (Institute for the Study of War [ISW] analysts)',
  ],
  ['a statement whose source is its outlet', [statement({ outlet: 'Fox News', source: { name: 'Fox News' } })], 'Statement by Jake Sullivan (Fox News): “Russia could invade any day”'],
  ['a statement whose source is its speaker', [statement({ speaker: 'White House', source: { name: 'White House' } })], 'Statement by the White House: “Russia could invade any day”'],
  ['a statement with an outlet and another source', [statement({ outlet: 'Fox News', source: { name: 'Reuters' } })], 'Statement by Jake Sullivan (Fox News): “Russia could invade any day” (Reuters)'],
  ['a quotation holding quotation marks', [statement({ text: 'Russia could move "any day" or in “a couple of weeks”' })], 'Statement by Jake Sullivan: “Russia could move ‘any day’ or in ‘a couple of weeks’”'],
  ['a denial sourced to the denier', [developmentRecorded('x1', { type: 'denial', by: 'Kremlin', text: 'No plans to invade', source: { name: 'Kremlin' } })], 'Denial by the Kremlin: “No plans to invade”'],
];

const UNITS: Row[] = [
  ['a deployment of a force without a unit', [deployment('US', 3_000)], 'Deployment: 3,000 US troops to Poland'],
  ['a deployment of "US troops"', [deployment('US troops', 3_000)], 'Deployment: 3,000 US troops to Poland'],
  ['a deployment of "troops"', [deployment('troops', 1_700)], 'Deployment: 1,700 troops to Poland'],
  ['a deployment of soldiers', [deployment('British soldiers', 1_000, 'Estonia')], 'Deployment: 1,000 British soldiers to Estonia'],
  ['a deployment of personnel', [deployment('NATO personnel', 300, 'Romania')], 'Deployment: 300 NATO personnel to Romania'],
  ['an estimate of a force that names its unit', [estimate(troops(1_700, { force: 'US troops', location: 'Poland' }))], 'Estimate of US troops in Poland: 1,700'],
  [
    'an estimate counted in battalion tactical groups',
    [estimate(troops(100, { force: 'Russian battalion tactical groups' })), laterEstimate(troops(110, { force: 'Russian battalion tactical groups', qualifier: 'about' }))],
    'Estimate of Russian battalion tactical groups near the Ukrainian border: 100 → about 110',
  ],
];

const QUALIFIERS: Row[] = [
  ['no qualifier', [estimate(troops(100_000))], 'Troop estimate for Russia near the Ukrainian border: 100,000'],
  ['about', [estimate(troops(100_000, { qualifier: 'about' }))], 'Troop estimate for Russia near the Ukrainian border: about 100,000'],
  ['more than', [estimate(troops(100_000, { qualifier: 'more-than' }))], 'Troop estimate for Russia near the Ukrainian border: more than 100,000'],
  ['nearly', [estimate(troops(100_000, { qualifier: 'nearly' }))], 'Troop estimate for Russia near the Ukrainian border: nearly 100,000'],
  ['up to', [estimate(troops(100_000, { qualifier: 'up-to' }))], 'Troop estimate for Russia near the Ukrainian border: up to 100,000'],
  ['exactly', [estimate(troops(100_000, { qualifier: 'exactly' }))], 'Troop estimate for Russia near the Ukrainian border: exactly 100,000'],
  ['a capability share', [estimate(troops(100_000, { capabilityShare: 70 }))], 'Troop estimate for Russia near the Ukrainian border: 100,000, 70% of the capability needed'],
];

const MEETINGS: Row[] = [
  ['two people, no topic', [scheduled(['Emmanuel Macron', 'Vladimir Putin'], { location: 'Moscow', scheduledFor: '2022-02-07' })], 'Meeting Macron – Putin in Moscow scheduled for 2022-02-07'],
  ['two people and a topic', [scheduled(['Olaf Scholz', 'Joe Biden'], { location: 'Washington', topic: 'The stand-off' })], 'Meeting Scholz – Biden in Washington scheduled for 2022-02-14, topic: The stand-off'],
  ['a person and a government', [scheduled(['Olaf Scholz', 'Ukrainian government'])], 'Meeting of Scholz and the Ukrainian government in Kyiv scheduled for 2022-02-14'],
  ['a party that names the place', [scheduled(['Olaf Scholz', 'the government in Kyiv'])], 'Meeting of Scholz and the government in Kyiv scheduled for 2022-02-14'],
  ['one-word parties', [scheduled(['NATO', 'Russia'], { location: 'Brussels' })], 'Meeting NATO – Russia in Brussels scheduled for 2022-02-14'],
  ['the European Union', [scheduled(['the European Union', 'Ukraine'], { location: 'Brussels' })], 'Meeting of the European Union and Ukraine in Brussels scheduled for 2022-02-14'],
  ['institutions of two words', [scheduled(['White House', 'Kremlin'], { location: 'Geneva' })], 'Meeting of the White House and the Kremlin in Geneva scheduled for 2022-02-14'],
  ['a surname with particles', [scheduled(['Ursula von der Leyen', 'Volodymyr Zelensky'])], 'Meeting von der Leyen – Zelensky in Kyiv scheduled for 2022-02-14'],
  ['three parties', [scheduled(['Germany', 'France', 'Russia'], { location: 'Paris' })], 'Meeting of Germany, France and Russia in Paris scheduled for 2022-02-14'],
  ['four parties', [scheduled(['Germany', 'France', 'Russia', 'Ukraine'], { location: 'Paris' })], 'Meeting of Germany, France, Russia and Ukraine in Paris scheduled for 2022-02-14'],
  ['a place that takes "the"', [scheduled(['Emmanuel Macron', 'Vladimir Putin'], { location: 'Kremlin, Moscow' })], 'Meeting Macron – Putin in the Kremlin, Moscow scheduled for 2022-02-14'],
  [
    'a meeting held, with its outcome',
    [scheduled(['Germany', 'France', 'Russia', 'Ukraine'], { location: 'Paris' }), developmentRecorded('h1', { type: 'meeting-held', meetingId: 'm1', outcome: 'No visible progress' })],
    'Meeting of Germany, France, Russia and Ukraine in Paris: scheduled → held; outcome: No visible progress',
  ],
  [
    'a meeting moved, with its new place',
    [scheduled(['Olaf Scholz', 'Ukrainian government']), developmentRecorded('r1', { type: 'meeting-rescheduled', meetingId: 'm1', scheduledFor: '2022-02-15', location: 'Lviv' })],
    'Meeting of Scholz and the Ukrainian government in Kyiv rescheduled: 2022-02-14 → 2022-02-15, location Kyiv → Lviv',
  ],
];

const LISTS: Row[] = [
  ['a demand to one party', [demandTo(['NATO'])], 'Demand by Russia to NATO: “No further eastward expansion of NATO”'],
  ['a demand to two parties', [demandTo(['United States', 'NATO'])], 'Demand by Russia to the United States and NATO: “No further eastward expansion of NATO”'],
  ['a demand to three parties', [demandTo(['United States', 'NATO', 'EU'])], 'Demand by Russia to the United States, NATO and the EU: “No further eastward expansion of NATO”'],
  [
    'a rejection by three parties',
    [demandTo(['NATO']), answered('r1', 'demand-rejected', ['United States', 'NATO', 'EU'])],
    'Demand by Russia “No further eastward expansion of NATO”: open → rejected by the United States, NATO and the EU',
  ],
  [
    'a second rejection',
    [demandTo(['NATO']), answered('r1', 'demand-rejected', ['NATO']), answered('r2', 'demand-rejected', ['Ukraine'])],
    'Demand by Russia “No further eastward expansion of NATO”: rejected, now also by Ukraine',
  ],
  ['an acceptance', [demandTo(['EU']), answered('a1', 'demand-accepted', ['EU'])], 'Demand by Russia “No further eastward expansion of NATO”: open → accepted by the EU'],
  [
    'a correction of a list',
    [scheduled(['Emmanuel Macron', 'Vladimir Putin'], { location: 'Moscow' }), corrected('m1', { participants: ['Emmanuel Macron', 'Vladimir Putin', 'Olaf Scholz'] }, 'Scholz joined')],
    'Correction to meeting Macron – Putin in Moscow: participants Emmanuel Macron and Vladimir Putin → Emmanuel Macron, Vladimir Putin and Olaf Scholz (reason: Scholz joined)',
  ],
];

const CORRECTIONS_AND_RETRACTIONS: Row[] = [
  [
    'a retracted estimate with a source',
    [estimate(troops(100_000, { qualifier: 'more-than', source: { name: 'US officials (Reuters)' } })), retracted('t1')],
    'Retracted: troop estimate of more than 100,000 for Russia near the Ukrainian border, according to US officials, Reuters (reason: Could not be confirmed)',
  ],
  ['a retracted estimate of US troops', [estimate(troops(1_700, { force: 'US troops', location: 'Poland' })), retracted('t1')], 'Retracted: estimate of 1,700 US troops in Poland (reason: Could not be confirmed)'],
  ['a retracted note', [developmentRecorded('n1', note('Embassy families told to leave')), retracted('n1', 'Wrong story')], 'Retracted: note “Embassy families told to leave” (reason: Wrong story)'],
  [
    'a retracted meeting',
    [scheduled(['Emmanuel Macron', 'Vladimir Putin'], { location: 'Moscow', scheduledFor: '2022-02-07' }), retracted('m1')],
    'Retracted: meeting Macron – Putin in Moscow scheduled for 2022-02-07 (reason: Could not be confirmed)',
  ],
  ['a retracted deployment', [deployment('US', 3_000), retracted('p1')], 'Retracted: deployment of 3,000 US troops to Poland (reason: Could not be confirmed)'],
  [
    'a second correction',
    [estimate(troops(92_000)), corrected('t1', { count: 94_000 }), corrected('t1', { count: 100_000 }, 'Second look')],
    'Correction to troop estimate for Russia near the Ukrainian border: count 94,000 → 100,000 (reason: Second look)',
  ],
  [
    'a corrected source with parentheses',
    [estimate(troops(92_000)), corrected('t1', { source: { name: 'US officials (Reuters)' } }, 'Source left out')],
    'Correction to troop estimate for Russia near the Ukrainian border: source none → US officials, Reuters (reason: Source left out)',
  ],
];

describe('descriptions a copy desk accepts', () => {
  describe.each([
    ['sources and quotations', SOURCES],
    ['counts whose force names its unit', UNITS],
    ['estimate qualifiers', QUALIFIERS],
    ['meetings and their participants', MEETINGS],
    ['lists of one, two and more names', LISTS],
    ['corrections and retractions', CORRECTIONS_AND_RETRACTIONS],
  ])('%s', (_group, rows) => {
    it.each(rows)('%s', (_case, events, expected) => {
      expect(describeLast(events)).toBe(expected);
    });
  });
});
