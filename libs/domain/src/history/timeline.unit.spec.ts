import { at, corrected, developmentRecorded, note, opened, retracted, stateAfter, troops } from '../testing';
import { recordOrder, timeline } from './timeline';

// Record times are 08:00, 08:01, … on 10 January 2022 unless fixed with `at`.
const story = stateAfter(
  opened(),
  developmentRecorded('t1', troops(100_000, { occurredAt: '2022-01-09T12:00:00.000Z' })),
  developmentRecorded('n1', note('Embassy families told to leave')),
  developmentRecorded('t2', troops(92_000, { location: 'Belarus', occurredAt: '2021-12-01T00:00:00.000Z' })),
  at(developmentRecorded('n2', note('Talks planned')), '2022-01-10T08:10:00.000Z'),
  developmentRecorded('n3', { ...note('Same moment as t1'), occurredAt: '2022-01-09T12:00:00.000Z' }),
);

describe('timeline', () => {
  it('orders live developments by when they happened, falling back to when they were recorded', () => {
    expect(timeline(story).map((entry) => entry.developmentId)).toEqual(['t2', 't1', 'n3', 'n1', 'n2']);
  });

  it('marks a development recorded after one that happened later', () => {
    expect(Object.fromEntries(timeline(story).map((entry) => [entry.developmentId, entry.lateRecorded]))).toEqual({
      t1: false,
      n1: false,
      t2: true,
      n2: false,
      n3: true,
    });
  });

  it('gives each entry its times, revision, type, description and fields', () => {
    const [first] = timeline(story);

    expect(first).toEqual({
      developmentId: 't2',
      type: 'troop-estimate',
      occurredAt: '2021-12-01T00:00:00.000Z',
      recordedAt: '2022-01-10T08:03:00.000Z',
      revision: 4,
      worldTime: '2021-12-01T00:00:00.000Z',
      lateRecorded: true,
      corrected: false,
      description: 'Troop estimate for Russia in Belarus: 92,000',
      development: { type: 'troop-estimate', force: 'Russia', location: 'Belarus', count: 92_000, occurredAt: '2021-12-01T00:00:00.000Z' },
    });
    expect(timeline(story)[3]).toMatchObject({ developmentId: 'n1', worldTime: '2022-01-10T08:02:00.000Z' });
    expect(timeline(story)[3]).not.toHaveProperty('occurredAt');
  });

  it('breaks a tie in world time by revision', () => {
    const state = stateAfter(
      opened(),
      developmentRecorded('a', note('First recorded')),
      at(developmentRecorded('b', { ...note('Recorded later, same moment'), occurredAt: '2022-01-10T08:01:00.000Z' }), '2022-01-11T00:00:00.000Z'),
    );

    expect(timeline(state).map((entry) => [entry.developmentId, entry.lateRecorded])).toEqual([
      ['a', false],
      ['b', false],
    ]);
  });

  it('leaves out retracted developments, and places corrected ones by their corrected time', () => {
    const state = stateAfter(
      opened(),
      developmentRecorded('t1', troops(100_000, { occurredAt: '2022-01-09' })),
      developmentRecorded('t2', troops(92_000, { occurredAt: '2022-01-08' })),
      developmentRecorded('n1', note('Wrong')),
      retracted('n1'),
      corrected('t2', { occurredAt: '2022-01-10' }),
    );

    expect(timeline(state).map((entry) => [entry.developmentId, entry.corrected, entry.lateRecorded])).toEqual([
      ['t1', false, false],
      ['t2', true, false],
    ]);
  });
});

describe('recordOrder', () => {
  it('gives the same entries in the order they were recorded', () => {
    const byRecord = recordOrder(story);

    expect(byRecord.map((entry) => entry.developmentId)).toEqual(['t1', 'n1', 't2', 'n2', 'n3']);
    expect([...byRecord].sort((a, b) => a.developmentId.localeCompare(b.developmentId))).toEqual(
      [...timeline(story)].sort((a, b) => a.developmentId.localeCompare(b.developmentId)),
    );
  });
});
