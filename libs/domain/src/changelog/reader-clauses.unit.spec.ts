import type { Development } from '../events/development';
import { DEVELOPMENT_TYPES } from '../developments/registry';
import { demand, developmentRecorded, meeting, opened, stateAfter, troops } from '../testing';
import { readerClause } from './reader-clauses';
import { sentence } from './reader-words';

/** A story with a meeting (m1), a demand (q1), a troop estimate (t1), a denial of it (x1) and a statement (s1) for developments to act on. */
const story = stateAfter(
  opened(),
  developmentRecorded('m1', meeting({ participants: ['Emmanuel Macron', 'Vladimir Putin'], location: 'Moscow', scheduledFor: '2022-02-07' })),
  developmentRecorded('q1', demand({ addressedTo: ['NATO', 'United States'] })),
  developmentRecorded('t1', troops(100_000, { source: { name: 'US officials' } })),
  developmentRecorded('x1', { type: 'denial', by: 'Kremlin', text: 'No such troops', of: 't1' }),
  developmentRecorded('s1', { type: 'statement', speaker: 'Jake Sullivan', text: 'Russia could invade any day' }),
);

const ROWS: readonly (readonly [string, Development, string])[] = [
  ['a troop estimate', troops(100_000, { qualifier: 'more-than', capabilityShare: 70, source: { name: 'US officials (Reuters)' } }), 'Russia had more than 100,000 troops near the Ukrainian border, 70 per cent of the capability needed, according to US officials, Reuters.'],
  ['an estimate of a force that names its unit', troops(1_700, { force: 'US troops', location: 'Poland', qualifier: 'about' }), 'There were about 1,700 US troops in Poland.'],
  ['a meeting scheduled', meeting({ participants: ['Olaf Scholz', 'Ukrainian government'], location: 'Kyiv', scheduledFor: '2022-02-14T09:30:00+01:00', topic: 'Gas transit' }), 'Olaf Scholz and the Ukrainian government were due to meet in Kyiv on 14 February 2022 at 08:30 UTC (topic: Gas transit).'],
  ['a meeting scheduled for a month', meeting({ participants: ['NATO', 'Russia', 'OSCE'], location: 'Vienna', scheduledFor: '2022-03' }), 'NATO, Russia and OSCE were due to meet in Vienna in March 2022.'],
  ['a meeting rescheduled', { type: 'meeting-rescheduled', meetingId: 'm1', scheduledFor: '2022-02-08', location: 'Kremlin, Moscow' }, 'A meeting between Macron and Putin was moved to 8 February 2022, in the Kremlin, Moscow.'],
  ['a meeting held', { type: 'meeting-held', meetingId: 'm1', outcome: 'Five hours of talks' }, 'A meeting between Macron and Putin was held in Moscow (outcome: Five hours of talks).'],
  ['a meeting cancelled', { type: 'meeting-cancelled', meetingId: 'm1', reason: 'Called off by the Kremlin' }, 'A planned meeting between Macron and Putin in Moscow was cancelled (reason given: Called off by the Kremlin).'],
  ['a demand made', demand({ by: 'Russia', addressedTo: ['United States', 'NATO'], text: 'Bar Ukraine from joining NATO' }), 'Russia made a demand of the United States and NATO: “Bar Ukraine from joining NATO”.'],
  ['a demand rejected', { type: 'demand-rejected', demandId: 'q1', by: ['United States', 'NATO'], statement: 'Not on the table' }, 'The United States and NATO rejected the demand by Russia, “No further eastward expansion of NATO”, saying “Not on the table”.'],
  ['a demand accepted', { type: 'demand-accepted', demandId: 'q1', by: ['France'] }, 'France accepted the demand by Russia, “No further eastward expansion of NATO”.'],
  ['a statement, quoted in full', { type: 'statement', speaker: 'Jake Sullivan', text: 'Russia could move "any day" now, and that is a view that has been held for a long time by many people in Washington', outlet: 'Fox News', source: { name: 'Reuters' } }, 'Jake Sullivan said “Russia could move ‘any day’ now, and that is a view that has been held for a long time by many people in Washington”, according to Fox News and Reuters.'],
  ['a statement sourced to its speaker', { type: 'statement', speaker: 'White House', text: 'Diplomacy first', source: { name: 'White House' } }, 'The White House said “Diplomacy first”.'],
  ['a denial of a development', { type: 'denial', by: 'Kremlin', text: 'Lies', of: 't1' }, 'The Kremlin denied that Russia had 100,000 troops near the Ukrainian border, according to US officials, saying “Lies”.'],
  ['a denial of a denial', { type: 'denial', by: 'Pentagon', text: 'They are there', of: 'x1' }, 'The Pentagon denied a denial by the Kremlin, saying “They are there”.'],
  ['a denial of a statement', { type: 'denial', by: 'Russia', text: 'Moscow has no plan to attack', of: 's1' }, 'Russia denied a statement by Jake Sullivan, saying “Moscow has no plan to attack”.'],
  ['a denial of nothing on record', { type: 'denial', by: 'Russia', text: 'No plans to invade', source: { name: 'TASS' } }, 'Russia issued a denial: “No plans to invade”, according to TASS.'],
  ['a deployment', { type: 'deployment', force: 'British', count: 350, destination: 'Estonia' }, '350 British troops were sent to Estonia.'],
  ['a note', { type: 'note', text: 'Ukrainian troops held drills in Pripyat.', source: { name: 'AP' } }, 'Ukrainian troops held drills in Pripyat, according to AP.'],
];

describe('a development as a reader’s clause', () => {
  it.each(ROWS)('%s', (_, development, expected) => {
    expect(sentence(readerClause(development, story))).toBe(expected);
  });

  it('has a row above for every development type', () => {
    expect(new Set(ROWS.map(([, development]) => development.type))).toEqual(new Set(DEVELOPMENT_TYPES));
  });
});
