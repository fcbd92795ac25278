import type { RecordedStoryEvent } from '../events/story-event';
import { corrected, developmentRecorded, note, opened, published, recordedEvents, TEST_ACTOR, troops, type GivenEvent } from '../testing';
import { revisionHistory } from './revision-history';

const story: GivenEvent[] = [
  opened(),
  { ...developmentRecorded('t1', troops(92_000, { occurredAt: '2022-01-08T12:00:00.000Z' })), metadata: { actor: 'alice', editSummary: 'Pentagon briefing' } },
  developmentRecorded('t2', troops(100_000, { source: { name: 'US officials' } })),
  corrected('t2', { count: 106_000 }),
  developmentRecorded('n1', note('Embassy families told to leave')),
  published(),
];

describe('revisionHistory', () => {
  it('gives every event its revision, type, actor, record time and description', () => {
    const { items } = revisionHistory(recordedEvents(story));

    expect(items.map((item) => [item.revision, item.type, item.description])).toEqual([
      [1, 'StoryOpened', 'Story opened: Russia masses troops near Ukraine'],
      [2, 'TroopEstimateRecorded', 'Troop estimate for Russia near the Ukrainian border: 92,000'],
      [3, 'TroopEstimateRecorded', 'Troop estimate for Russia near the Ukrainian border: 92,000 → 100,000 (US officials)'],
      [4, 'DevelopmentCorrected', 'Correction to troop estimate for Russia near the Ukrainian border: count 100,000 → 106,000 (reason: Wrong figure)'],
      [5, 'NoteAdded', 'Note: Embassy families told to leave'],
      [6, 'StoryPublished', 'Story published'],
    ]);
    expect(items[0]).toEqual({
      revision: 1,
      type: 'StoryOpened',
      actor: TEST_ACTOR,
      recordedAt: '2022-01-10T08:00:00.000Z',
      description: 'Story opened: Russia masses troops near Ukraine',
    });
  });

  it('adds the edit summary, the development id, and when the development happened', () => {
    const { items } = revisionHistory(recordedEvents(story));

    expect(items[1]).toEqual({
      revision: 2,
      type: 'TroopEstimateRecorded',
      actor: 'alice',
      recordedAt: '2022-01-10T08:01:00.000Z',
      occurredAt: '2022-01-08T12:00:00.000Z',
      editSummary: 'Pentagon briefing',
      description: 'Troop estimate for Russia near the Ukrainian border: 92,000',
      developmentId: 't1',
    });
    expect(items[2]).not.toHaveProperty('occurredAt');
    expect(items[3]).toMatchObject({ developmentId: 't2' });
    expect(items[3]).not.toHaveProperty('occurredAt');
  });

  it('pages: folds the events before `from`, describes `limit` events and says where the next page starts', () => {
    const page = revisionHistory(recordedEvents(story), 3, 2);

    expect(page.items.map((item) => item.revision)).toEqual([3, 4]);
    expect(page.items[0]?.description).toBe('Troop estimate for Russia near the Ukrainian border: 92,000 → 100,000 (US officials)');
    expect(page.nextFrom).toBe(5);
  });

  it('has no next page after the last event', () => {
    expect(revisionHistory(recordedEvents(story), 5, 2)).not.toHaveProperty('nextFrom');
    expect(revisionHistory(recordedEvents(story), 7).items).toEqual([]);
  });

  it('reads the events no further than one past the page', () => {
    const events = recordedEvents(story);
    function* guarded(): Generator<RecordedStoryEvent> {
      for (const event of events) {
        if (event.revision > 3) throw new Error(`read revision ${event.revision}`);
        yield event;
      }
    }

    expect(revisionHistory(guarded(), 1, 2).nextFrom).toBe(3);
  });

  it('refuses a `from` or `limit` below 1', () => {
    expect(() => revisionHistory([], 0)).toThrow(RangeError);
    expect(() => revisionHistory([], 1, 0)).toThrow(RangeError);
  });
});
