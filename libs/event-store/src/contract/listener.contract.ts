/// <reference types="jest" />
import type { EventStore, StoredEvent } from '../event-store.port';
import { numberedEvents, positionsOf, revisionsOf, type ContractSubject } from './contract-fixtures';

/**
 * In-process notifications after each append. The port promises them after a successful append,
 * not before `append` resolves, so these cases wait for notifications instead of assuming them.
 */
export function describeListenerContract(subject: ContractSubject): void {
  describe('onAppended', () => {
    it('tells a listener about each append with the stored events, until it unsubscribes', async () => {
      const store = subject.store();
      const listener = listen(store);

      await store.append('story-a', numberedEvents(2), { expectedRevision: 0 });
      await store.append('story-b', numberedEvents(1, 3), { expectedRevision: 0 });
      await listener.heard(2);
      listener.unsubscribe();
      const sentinel = listen(store);
      await store.append('story-a', numberedEvents(1, 4), { expectedRevision: 2 });
      await sentinel.heard(1);

      expect(listener.batches).toHaveLength(2);
      const [first, second] = listener.batches;
      expect(first!.map((event) => [event.streamId, event.revision, event.type])).toEqual([
        ['story-a', 1, 'Numbered1'],
        ['story-a', 2, 'Numbered2'],
      ]);
      expect(positionsOf(first!)).toEqual([1, 2]);
      expect(positionsOf(second!)).toEqual([3]);
      expect(first![0]!.hash).toMatch(/^[0-9a-f]{64}$/);
      expect(first).toEqual(await store.readAll(0, 2));
    });

    it('tells a listener only once the events can be read', async () => {
      const store = subject.store();
      const revisions: Promise<number>[] = [];
      store.onAppended(() => revisions.push(store.streamRevision('story-1')));
      const listener = listen(store);

      await store.append('story-1', numberedEvents(3), { expectedRevision: 0 });
      await listener.heard(1);

      expect(await Promise.all(revisions)).toEqual([3]);
    });

    it('says nothing about an append that failed', async () => {
      const store = subject.store();
      await store.append('story-1', numberedEvents(1), { expectedRevision: 0 });
      const listener = listen(store);

      await expect(store.append('story-1', numberedEvents(1, 2), { expectedRevision: 0 })).rejects.toThrow();
      await store.append('story-2', numberedEvents(1), { expectedRevision: 0 });
      await listener.heard(1);

      expect(listener.batches.map((events) => events.map((event) => event.streamId))).toEqual([['story-2']]);
    });

    it('keeps the append and the other listeners going when a listener throws', async () => {
      const store = subject.store();
      store.onAppended(() => {
        throw new Error('a broken listener');
      });
      const listener = listen(store);

      const result = await store.append('story-1', numberedEvents(2), { expectedRevision: 0 });
      await listener.heard(1);

      expect(result.nextRevision).toBe(2);
      expect(listener.batches.map(revisionsOf)).toEqual([[1, 2]]);
      expect(await store.streamRevision('story-1')).toBe(2);
    });
  });
}

/** Records what a listener hears and lets a test wait until it has heard enough. */
function listen(store: EventStore) {
  const batches: StoredEvent[][] = [];
  let wake: () => void = () => undefined;
  const unsubscribe = store.onAppended((events) => {
    batches.push([...events]);
    wake();
  });
  const heard = async (count: number, timeoutMs = 2000) => {
    const deadline = Date.now() + timeoutMs;
    while (batches.length < count) {
      if (Date.now() > deadline) throw new Error(`Heard ${batches.length} appends, expected ${count}`);
      await new Promise<void>((resolve) => {
        wake = resolve;
        setTimeout(resolve, 10);
      });
    }
  };
  return { batches, unsubscribe, heard };
}
