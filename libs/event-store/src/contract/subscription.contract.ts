/// <reference types="jest" />
import type { EventStore, StoredEvent } from '../event-store.port';
import { subscribeToAll, type AllSubscription } from '../subscription/subscribe-to-all';
import { numberedEvents, positionsOf, type ContractSubject } from './contract-fixtures';

/**
 * `onCommitted` and `subscribeToAll`: every committed event, once, in global order, from any
 * position, whichever instance wrote it. The cross-instance cases run where storage is shared.
 */
export function describeSubscriptionContract(subject: ContractSubject, options: { readonly shared: boolean }): void {
  describe('subscribeToAll', () => {
    const open: AllSubscription[] = [];
    const follow = (store: EventStore, afterPosition: number, onEvents?: (events: readonly StoredEvent[]) => void, pollIntervalMs = 50) => {
      const seen: StoredEvent[] = [];
      const subscription = subscribeToAll(store, {
        afterPosition,
        batchSize: 3,
        pollIntervalMs,
        retryDelayMs: 10,
        onEvents: (events) => {
          onEvents?.(events);
          seen.push(...events);
        },
      });
      open.push(subscription);
      return { seen, subscription };
    };
    afterEach(async () => {
      await Promise.all(open.splice(0).map((subscription) => subscription.close()));
    });

    it('catches up from a position, then follows new appends, each event once and in order', async () => {
      const store = subject.store();
      await store.append('story-a', numberedEvents(4), { expectedRevision: 0 });
      const { seen, subscription } = follow(store, 2);
      await subscription.reached(4);
      await store.append('story-b', numberedEvents(2, 5), { expectedRevision: 0 });
      await store.append('story-a', numberedEvents(1, 7), { expectedRevision: 4 });
      await subscription.reached(7);

      expect(positionsOf(seen)).toEqual([3, 4, 5, 6, 7]);
      expect(seen).toEqual(await store.readAll(2, 10));
      expect(subscription.position()).toBe(7);
    });

    it('delivers appends racing each other exactly once, in global order', async () => {
      const store = subject.store();
      const { seen, subscription } = follow(store, 0);
      const results = await Promise.all(
        Array.from({ length: 12 }, (_, index) => store.append(`story-${index}`, numberedEvents(2), { expectedRevision: 0 })),
      );
      const last = Math.max(...results.flatMap((result) => result.positions));
      await subscription.reached(last);

      expect(positionsOf(seen)).toEqual(Array.from({ length: 24 }, (_, index) => index + 1));
    });

    it('lets appends gather for gatherMs before it takes them: fewer, larger batches, every event once and in order', async () => {
      const store = subject.store();
      const gathered: number[] = [];
      const seen: StoredEvent[] = [];
      const subscription = subscribeToAll(store, {
        afterPosition: 0,
        gatherMs: 150,
        onEvents: (events) => {
          gathered.push(events.length);
          seen.push(...events);
        },
      });
      open.push(subscription);
      // Twenty appends, one every 10 ms or so: without gathering, a batch each (see the next case).
      for (let revision = 0; revision < 20; revision++) {
        await store.append('story-steady', numberedEvents(1, revision + 1), { expectedRevision: revision });
        await new Promise((resolve) => setTimeout(resolve, 10));
      }
      await subscription.reached(20);

      expect(positionsOf(seen)).toEqual(Array.from({ length: 20 }, (_, index) => index + 1));
      expect(gathered.length).toBeLessThanOrEqual(6);
    });

    it('ends its gathering as soon as someone waits for the events (reached)', async () => {
      const store = subject.store();
      const seen: StoredEvent[] = [];
      const subscription = subscribeToAll(store, { afterPosition: 0, gatherMs: 60_000, onEvents: (events) => void seen.push(...events) });
      open.push(subscription);
      await store.append('story-waited', numberedEvents(1), { expectedRevision: 0 });
      await subscription.reached(1);
      await store.append('story-waited', numberedEvents(1, 2), { expectedRevision: 1 });
      const started = Date.now();
      // Gathering for a minute, unless the wait ends it.
      await subscription.reached(2);

      expect(Date.now() - started).toBeLessThan(5_000);
      expect(positionsOf(seen)).toEqual([1, 2]);
    });

    it('without gatherMs, takes appends as they come', async () => {
      const store = subject.store();
      const batches: number[] = [];
      const { subscription } = follow(store, 0, (events) => batches.push(events.length));
      for (let revision = 0; revision < 20; revision++) {
        await store.append('story-steady', numberedEvents(1, revision + 1), { expectedRevision: revision });
        await subscription.reached(revision + 1);
      }

      expect(batches.length).toBe(20);
    });

    it('offers a batch again when its handler failed, and goes on', async () => {
      const store = subject.store();
      let failures = 0;
      const { seen, subscription } = follow(store, 0, () => {
        if (failures++ === 0) throw new Error('the read model is busy');
      });
      await store.append('story-a', numberedEvents(2), { expectedRevision: 0 });
      await subscription.reached(2);

      expect(failures).toBeGreaterThanOrEqual(2);
      expect(positionsOf(seen)).toEqual([1, 2]);
    });

    it('delivers nothing after close', async () => {
      const store = subject.store();
      const { seen, subscription } = follow(store, 0);
      await subscription.close();
      await store.append('story-a', numberedEvents(1), { expectedRevision: 0 });
      await new Promise((resolve) => setTimeout(resolve, 120));
      expect(seen).toEqual([]);
    });

    it("delivers this instance's own appends as stored, without reading them back", async () => {
      const store = subject.store();
      await store.append('story-a', numberedEvents(2), { expectedRevision: 0 });
      let readable = true;
      // The real store, whose reads fail once it has caught up: what arrives after that was not read.
      const unreadable = new Proxy(store, {
        get: (target, name) => {
          const value = Reflect.get(target, name, target) as unknown;
          if (name === 'readAll') return (...args: Parameters<EventStore['readAll']>) => (readable ? target.readAll(...args) : Promise.reject(new Error('no reads now')));
          return typeof value === 'function' ? (value as (...args: unknown[]) => unknown).bind(target) : value;
        },
      });
      const { seen, subscription } = follow(unreadable, 0, undefined, 10_000);
      await subscription.reached(2);
      readable = false;

      await store.append('story-a', numberedEvents(2, 3), { expectedRevision: 2 });
      await store.append('story-b', numberedEvents(1, 5), { expectedRevision: 0 });
      await subscription.reached(5);

      expect(positionsOf(seen)).toEqual([1, 2, 3, 4, 5]);
      expect(seen).toEqual(await store.readAll(0, 10));
    });

    if (options.shared) {
      it("reads another instance's appends at once: a stream's revision read just before is never kept stale", async () => {
        const store = subject.store();
        const another = subject.another();
        if (!another) throw new Error('A shared adapter must give another() to the contract suite');
        const writer = await another();
        try {
          await writer.append('story-a', numberedEvents(1), { expectedRevision: 0 });
          expect(await store.streamRevision('story-a')).toBe(1);
          expect(await store.streamRevision('story-a')).toBe(1);

          await writer.append('story-a', numberedEvents(2, 2), { expectedRevision: 1 });

          expect(await store.streamRevision('story-a')).toBe(3);
          expect(await store.headPosition()).toBe(3);
        } finally {
          await writer.close();
        }
      });

      it('hears, within a second, what another instance on the same storage appends', async () => {
        const store = subject.store();
        const another = subject.another();
        if (!another) throw new Error('A shared adapter must give another() to the contract suite');
        const writer = await another();
        try {
          // Polling alone would take ten seconds: arriving within one means the store's own
          // wake-up (onCommitted) heard the other instance's commits.
          const { seen, subscription } = follow(store, 0, undefined, 10_000);
          await new Promise((resolve) => setTimeout(resolve, 50));
          const start = Date.now();
          await writer.append('story-a', numberedEvents(2), { expectedRevision: 0 });
          await writer.append('story-b', numberedEvents(1, 3), { expectedRevision: 0 });
          await subscription.reached(3);

          expect(Date.now() - start).toBeLessThan(1000);
          expect(positionsOf(seen)).toEqual([1, 2, 3]);
          expect(seen).toEqual(await writer.readAll(0, 10));
        } finally {
          await writer.close();
        }
      });
    }
  });
}
