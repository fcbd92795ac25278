/// <reference types="jest" />
import { WrongExpectedRevisionError } from '../event-store.errors';
import { anEvent, numberedEvents, positionsOf, readStream, revisionsOf, type ContractSubject } from './contract-fixtures';

/** Appending: revisions, positions, expected revisions, atomicity and races. */
export function describeAppendContract(subject: ContractSubject): void {
  describe('append', () => {
    it('appends to a new stream with expected revision 0 and returns the next revision and positions', async () => {
      const result = await subject.store().append('story-1', numberedEvents(2), { expectedRevision: 0 });

      expect(result).toEqual({ nextRevision: 2, positions: [1, 2] });
    });

    it('numbers a stream from revision 1 and keeps the order of its events across appends', async () => {
      const store = subject.store();
      await store.append('story-1', numberedEvents(2), { expectedRevision: 0 });
      await store.append('story-1', numberedEvents(1, 3), { expectedRevision: 2 });

      const events = await readStream(store, 'story-1');
      expect(revisionsOf(events)).toEqual([1, 2, 3]);
      expect(events.map((event) => event.type)).toEqual(['Numbered1', 'Numbered2', 'Numbered3']);
      expect(events.every((event) => event.streamId === 'story-1')).toBe(true);
    });

    it('orders every event of the store by global position across streams', async () => {
      const store = subject.store();
      await store.append('story-a', numberedEvents(2), { expectedRevision: 0 });
      const second = await store.append('story-b', numberedEvents(1, 3), { expectedRevision: 0 });
      await store.append('story-a', numberedEvents(1, 4), { expectedRevision: 2 });

      const all = await store.readAll(0, 10);
      expect(second.positions).toEqual([3]);
      expect(positionsOf(all)).toEqual([1, 2, 3, 4]);
      expect(all.map((event) => [event.streamId, event.revision])).toEqual([
        ['story-a', 1],
        ['story-a', 2],
        ['story-b', 1],
        ['story-a', 3],
      ]);
    });

    it('writes all events of an append or none of them', async () => {
      const store = subject.store();
      await store.append('story-1', numberedEvents(1), { expectedRevision: 0 });
      // The third event cannot be stored (a BigInt has no JSON form): the first two must not be either.
      const batch = [...numberedEvents(2, 2), anEvent('Numbered4', { n: BigInt(4) }), ...numberedEvents(1, 5)];

      await expect(store.append('story-1', batch, { expectedRevision: 1 })).rejects.toThrow();

      expect(await store.streamRevision('story-1')).toBe(1);
      expect(await store.headPosition()).toBe(1);
      expect(revisionsOf(await readStream(store, 'story-1'))).toEqual([1]);
      const next = await store.append('story-1', numberedEvents(1, 2), { expectedRevision: 1 });
      expect(next).toEqual({ nextRevision: 2, positions: [2] });
    });

    it('refuses a stale expected revision and appends nothing', async () => {
      const store = subject.store();
      await store.append('story-1', numberedEvents(3), { expectedRevision: 0 });

      const stale = store.append('story-1', numberedEvents(2, 4), { expectedRevision: 2 });

      await expect(stale).rejects.toBeInstanceOf(WrongExpectedRevisionError);
      await expect(stale).rejects.toMatchObject({ streamId: 'story-1', expectedRevision: 2, actualRevision: 3 });
      expect(await store.streamRevision('story-1')).toBe(3);
      expect(await store.headPosition()).toBe(3);
    });

    it('refuses an expected revision ahead of the stream', async () => {
      const store = subject.store();
      await store.append('story-1', numberedEvents(1), { expectedRevision: 0 });

      await expect(
        store.append('story-1', numberedEvents(1, 2), { expectedRevision: 5 }),
      ).rejects.toMatchObject({ name: 'WrongExpectedRevisionError', expectedRevision: 5, actualRevision: 1 });
      expect(await store.streamRevision('story-1')).toBe(1);
    });

    it('refuses expected revision 0 when the stream exists', async () => {
      const store = subject.store();
      await store.append('story-1', numberedEvents(1), { expectedRevision: 0 });

      await expect(
        store.append('story-1', numberedEvents(1, 2), { expectedRevision: 0 }),
      ).rejects.toMatchObject({ name: 'WrongExpectedRevisionError', expectedRevision: 0, actualRevision: 1 });
      expect(await store.streamRevision('story-1')).toBe(1);
    });

    it("appends with 'any' to a new stream and to an existing one", async () => {
      const store = subject.store();

      const first = await store.append('story-1', numberedEvents(2), { expectedRevision: 'any' });
      const second = await store.append('story-1', numberedEvents(1, 3), { expectedRevision: 'any' });

      expect(first).toEqual({ nextRevision: 2, positions: [1, 2] });
      expect(second).toEqual({ nextRevision: 3, positions: [3] });
      expect(revisionsOf(await readStream(store, 'story-1'))).toEqual([1, 2, 3]);
    });

    it('lets exactly one of many concurrent appends with the same expected revision win', async () => {
      const store = subject.store();
      await store.append('story-1', numberedEvents(1), { expectedRevision: 0 });
      const writers = 20;

      const outcomes = await Promise.allSettled(
        Array.from({ length: writers }, (_, writer) =>
          store.append('story-1', [anEvent('Racer', { writer })], { expectedRevision: 1 }),
        ),
      );

      const won = outcomes.filter((outcome) => outcome.status === 'fulfilled');
      const lost = outcomes.filter((outcome) => outcome.status === 'rejected');
      expect(won).toHaveLength(1);
      expect(lost).toHaveLength(writers - 1);
      for (const outcome of lost) expect(outcome.reason).toBeInstanceOf(WrongExpectedRevisionError);
      expect(await store.streamRevision('story-1')).toBe(2);
      expect(await store.headPosition()).toBe(2);
    });

    it('checks the expected revision of an empty append and stores nothing', async () => {
      const store = subject.store();
      await store.append('story-1', numberedEvents(2), { expectedRevision: 0 });

      const result = await store.append('story-1', [], { expectedRevision: 2 });

      expect(result).toEqual({ nextRevision: 2, positions: [] });
      await expect(store.append('story-1', [], { expectedRevision: 1 })).rejects.toBeInstanceOf(
        WrongExpectedRevisionError,
      );
      expect(await store.headPosition()).toBe(2);
    });
  });
}
