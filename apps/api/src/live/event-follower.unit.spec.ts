import { InMemoryEventStore, type EventStore, type StoredEvent } from '@story-tracker/event-store';
import { EventFollower } from './event-follower';

const note = (text: string) => ({ type: 'NoteAdded', data: { text }, metadata: { actor: 'alice', recordedAt: '2022-02-07T09:00:00.000Z' } });

async function appendNotes(store: EventStore, stream: string, count: number): Promise<void> {
  for (let index = 0; index < count; index += 1) await store.append(stream, [note(`${stream} ${index}`)], { expectedRevision: 'any' });
}

function follow(store: EventStore, accepts: (event: StoredEvent) => boolean = () => true, pageSize = 2) {
  const delivered: StoredEvent[] = [];
  // The same-process listener stands in for the hub: it hears every append, in order.
  const source = { onEvents: (listener: (events: readonly StoredEvent[]) => void) => store.onAppended(listener) };
  const follower = new EventFollower(store, source, { accepts, pageSize, deliver: (events) => delivered.push(...events) });
  return { follower, positions: () => delivered.map((event) => event.globalPosition) };
}

describe('EventFollower', () => {
  it('delivers the backlog after the start position in pages, then what is appended live', async () => {
    const store = new InMemoryEventStore();
    await appendNotes(store, 'story-a', 5);
    const { follower, positions } = follow(store);
    follower.startAt(2);
    await follower.catchUp();
    expect(positions()).toEqual([3, 4, 5]);
    await appendNotes(store, 'story-a', 2);
    expect(positions()).toEqual([3, 4, 5, 6, 7]);
    follower.stop();
  });

  it('starting at the head delivers only what comes after it', async () => {
    const store = new InMemoryEventStore();
    await appendNotes(store, 'story-a', 3);
    const { follower, positions } = follow(store);
    await expect(follower.startAtHead()).resolves.toBe(3);
    await follower.catchUp();
    await appendNotes(store, 'story-a', 1);
    expect(positions()).toEqual([4]);
  });

  it('neither loses nor repeats an event appended while the backlog is being read', async () => {
    const store = new InMemoryEventStore();
    await appendNotes(store, 'story-a', 3);
    // Appends land before, during and after each page is read: some are in both the page and the
    // subscription, some only in the subscription.
    const readAll = store.readAll.bind(store);
    let reads = 0;
    store.readAll = async (after, limit) => {
      reads += 1;
      if (reads <= 3) await appendNotes(store, 'story-a', 1);
      const page = await readAll(after, limit);
      if (reads <= 3) await appendNotes(store, 'story-a', 1);
      return page;
    };
    const { follower, positions } = follow(store);
    follower.startAt(0);
    await follower.catchUp();
    await appendNotes(store, 'story-a', 2);
    const head = await store.headPosition();
    expect(positions()).toEqual(Array.from({ length: head }, (_, index) => index + 1));
  });

  it('holds back what the subscription hears until the backlog is delivered, so order is kept', async () => {
    const store = new InMemoryEventStore();
    await appendNotes(store, 'story-a', 2);
    const { follower, positions } = follow(store);
    follower.startAt(0);
    await appendNotes(store, 'story-a', 1); // heard before catchUp: held, and also in the backlog
    await follower.catchUp();
    expect(positions()).toEqual([1, 2, 3]);
  });

  it('passes on only the events it accepts, yet moves past the others', async () => {
    const store = new InMemoryEventStore();
    await appendNotes(store, 'story-a', 1);
    await appendNotes(store, 'story-b', 3);
    await appendNotes(store, 'story-a', 1);
    const { follower, positions } = follow(store, (event) => event.streamId === 'story-a');
    follower.startAt(0);
    await follower.catchUp();
    await appendNotes(store, 'story-b', 1);
    await appendNotes(store, 'story-a', 1);
    expect(positions()).toEqual([1, 5, 7]);
  });

  it('delivers nothing once stopped', async () => {
    const store = new InMemoryEventStore();
    const { follower, positions } = follow(store);
    await follower.startAtHead();
    await follower.catchUp();
    follower.stop();
    follower.stop();
    await appendNotes(store, 'story-a', 2);
    expect(positions()).toEqual([]);
  });

  it('refuses to catch up before it knows where to start', async () => {
    const { follower } = follow(new InMemoryEventStore());
    await expect(follower.catchUp()).rejects.toThrow(/startAt/);
  });
});
