import { InMemoryEventStore } from '@story-tracker/event-store';
import { listStoryIds } from './story-streams';
import { appendStory, storyEvent } from './testing/audit-fixtures';

async function collect<T>(items: AsyncIterable<T>): Promise<T[]> {
  const all: T[] = [];
  for await (const item of items) all.push(item);
  return all;
}

describe('listStoryIds', () => {
  it('lists every story stream once, in the order the stories first appear, across pages', async () => {
    const store = new InMemoryEventStore();
    await appendStory(store, 'first-story');
    await store.append('$projection-checkpoints', [storyEvent('CheckpointSaved', {}, 0)], { expectedRevision: 'any' });
    await appendStory(store, 'second-story');
    await appendStory(store, 'first-story', [storyEvent('StoryArchived', {}, 9)]);
    const progress: Array<[number, number]> = [];

    const ids = await collect(listStoryIds(store, { pageSize: 3, onProgress: (position, head) => progress.push([position, head]) }));

    expect(ids).toEqual(['first-story', 'second-story']);
    expect(progress.at(-1)).toEqual([12, 12]);
    expect(progress).toHaveLength(4);
  });

  it('lists nothing in an empty store', async () => {
    expect(await collect(listStoryIds(new InMemoryEventStore()))).toEqual([]);
  });
});
