import { InMemoryEventStore } from '@story-tracker/event-store';
import { STORY, appendStory } from '../testing/audit-fixtures';
import { exportStory } from './export-story';

async function collect<T>(items: AsyncIterable<T>): Promise<T[]> {
  const all: T[] = [];
  for await (const item of items) all.push(item);
  return all;
}

describe('exportStory', () => {
  it('gives the raw log of the story, in revision order, with each link of the chain', async () => {
    const store = new InMemoryEventStore();
    await appendStory(store, 'another-story');
    await appendStory(store);

    const entries = await collect(exportStory(store, STORY));

    expect(entries.map((entry) => [entry.revision, entry.globalPosition, entry.type])).toEqual([
      [1, 6, 'StoryOpened'],
      [2, 7, 'TroopEstimateRecorded'],
      [3, 8, 'MeetingScheduled'],
      [4, 9, 'HeadlineRevised'],
      [5, 10, 'StoryPublished'],
    ]);
    expect(entries[0]).toMatchObject({ actor: 'alice', editSummary: 'New story', schemaVersion: 2, previousHash: '0'.repeat(64) });
    expect(entries[1]).toMatchObject({ occurredAt: '2022-01-09T12:00:00.000Z', idempotencyKey: 'key-1' });
    entries.slice(1).forEach((entry, index) => expect(entry.previousHash).toBe(entries[index]!.hash));
  });

  it('gives nothing for a story with no stream', async () => {
    expect(await collect(exportStory(new InMemoryEventStore(), STORY))).toEqual([]);
  });
});
