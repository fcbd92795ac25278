import { numberedEvents } from '../contract/contract-fixtures';
import type { CommitWakeUp, EventStore } from '../event-store.port';
import { InMemoryEventStore } from '../in-memory/in-memory-event-store';
import { subscribeToAll } from './subscribe-to-all';

/**
 * The in-memory store, with its reads counted and the wake-ups of other processes' commits in the
 * test's hands (`wakeUp`), as PostgreSQL's LISTEN/NOTIFY or SQLite's change check would give them.
 */
function storeWithWakeUps(): { store: InMemoryEventStore; followed: EventStore; wakeUp: CommitWakeUp; reads: () => number } {
  const store = new InMemoryEventStore();
  const outside = new Set<CommitWakeUp>();
  let reads = 0;
  const followed = Object.create(store, {
    readAll: { value: (...args: Parameters<EventStore['readAll']>) => ((reads += 1), store.readAll(...args)) },
    onCommitted: {
      value: (listener: CommitWakeUp) => {
        outside.add(listener);
        const own = store.onCommitted(listener);
        return () => (outside.delete(listener), own());
      },
    },
  }) as EventStore;
  return { store, followed, wakeUp: (position) => outside.forEach((listener) => listener(position)), reads: () => reads };
}

const turns = async (count: number) => {
  for (let turn = 0; turn < count; turn++) await new Promise((resolve) => setImmediate(resolve));
};

describe('subscribeToAll wake-ups', () => {
  it('reads nothing for a wake-up of commits it has read already, and reads for a later one or one that names none', async () => {
    const { store, followed, wakeUp, reads } = storeWithWakeUps();
    await store.append('story-a', numberedEvents(3), { expectedRevision: 0 });
    const seen: number[] = [];
    const subscription = subscribeToAll(followed, { afterPosition: 0, pollIntervalMs: 60_000, onEvents: (events) => void seen.push(...events.map((event) => event.globalPosition)) });
    try {
      await subscription.reached(3);
      await turns(5);
      const caughtUp = reads();

      // Its own appends, delivered as stored, then told again (as NOTIFY does): no read.
      await store.append('story-a', numberedEvents(2, 4), { expectedRevision: 3 });
      await subscription.reached(5);
      wakeUp(5);
      wakeUp(2);
      await turns(5);
      expect(reads()).toBe(caughtUp);

      wakeUp(undefined);
      await turns(5);
      expect(reads()).toBe(caughtUp + 1);
      wakeUp(6);
      await turns(5);
      expect(reads()).toBe(caughtUp + 2);
      expect(seen).toEqual([1, 2, 3, 4, 5]);

      // Heard (as NOTIFY may tell it) before its own append's answer hands the events over: no read.
      const before = reads();
      wakeUp(6);
      const appended = store.append('story-a', numberedEvents(1, 6), { expectedRevision: 5 });
      await subscription.reached(6);
      await appended;
      await turns(5);
      expect(reads()).toBe(before);
      expect(seen).toEqual([1, 2, 3, 4, 5, 6]);
    } finally {
      await subscription.close();
    }
  });
});
