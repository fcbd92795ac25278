import type { RecordedStoryEvent } from '../events/story-event';
import { corrected, developmentRecorded, note, opened, published, recordedEvents, TEST_ACTOR, troops, type GivenEvent } from '../testing';
import { initialStoryState } from '../state/story-state';
import { evolve } from '../story.evolve';
import { historyItem } from './history-item';

/** The history lines of a whole story, each described against the story as it stood before it. */
function historyOf(events: RecordedStoryEvent[]) {
  let state = initialStoryState;
  return events.map((event) => {
    const item = historyItem(event, state);
    state = evolve(state, event);
    return item;
  });
}

const story: GivenEvent[] = [
  opened(),
  { ...developmentRecorded('t1', troops(92_000, { occurredAt: '2022-01-08T12:00:00.000Z' })), metadata: { actor: 'alice', editSummary: 'Pentagon briefing' } },
  developmentRecorded('t2', troops(100_000, { source: { name: 'US officials' } })),
  corrected('t2', { count: 106_000 }),
  developmentRecorded('n1', note('Embassy families told to leave')),
  published(),
];

describe('historyItem', () => {
  it('gives every event its revision, type, actor, record time and description', () => {
    const items = historyOf(recordedEvents(story));

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
    const items = historyOf(recordedEvents(story));

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
});
