/// <reference types="jest" />
import { IdempotencyKeyTakenError } from '../event-store.errors';
import { anEvent, anIdempotencyRecord, numberedEvents, type ContractSubject } from './contract-fixtures';

/** Idempotency records kept in the same write as the events they answer for. */
export function describeIdempotencyContract(subject: ContractSubject): void {
  describe('idempotency', () => {
    it('keeps the record with the append and finds it by scope and key', async () => {
      const store = subject.store();
      const record = anIdempotencyRecord({ body: { storyId: 'story-1', note: 'Grüße 👋', nested: { list: [1, 2] } } });

      await store.append('story-1', numberedEvents(1), { expectedRevision: 0, idempotency: record });

      expect(await store.findIdempotency(record.scope, record.key)).toEqual(record);
      expect(await store.findIdempotency(record.scope, 'key-unknown')).toBeUndefined();
      expect(await store.findIdempotency('reporter-unknown', record.key)).toBeUndefined();
    });

    it('refuses the same key a second time and stores none of the second append', async () => {
      const store = subject.store();
      const first = anIdempotencyRecord();
      await store.append('story-1', numberedEvents(1), { expectedRevision: 0, idempotency: first });

      const second = store.append('story-1', numberedEvents(2, 2), {
        expectedRevision: 1,
        idempotency: anIdempotencyRecord({ fingerprint: 'another request', status: 200 }),
      });

      await expect(second).rejects.toBeInstanceOf(IdempotencyKeyTakenError);
      await expect(second).rejects.toMatchObject({ scope: first.scope, key: first.key });
      expect(await store.streamRevision('story-1')).toBe(1);
      expect(await store.headPosition()).toBe(1);
      expect(await store.findIdempotency(first.scope, first.key)).toEqual(first);
    });

    it('refuses a taken key even when the stream moved on, so a retried request finds its answer', async () => {
      const store = subject.store();
      const record = anIdempotencyRecord();
      await store.append('story-1', numberedEvents(1), { expectedRevision: 0, idempotency: record });

      // The retry was decided on the stream as it was before the first attempt committed.
      const retry = store.append('story-1', numberedEvents(1), { expectedRevision: 0, idempotency: record });

      await expect(retry).rejects.toBeInstanceOf(IdempotencyKeyTakenError);
      expect(await store.streamRevision('story-1')).toBe(1);
    });

    it('accepts the same key under another scope', async () => {
      const store = subject.store();
      const mine = anIdempotencyRecord({ scope: 'reporter-1', status: 201 });
      const theirs = anIdempotencyRecord({ scope: 'reporter-2', status: 202 });

      await store.append('story-1', numberedEvents(1), { expectedRevision: 0, idempotency: mine });
      await store.append('story-2', numberedEvents(1), { expectedRevision: 0, idempotency: theirs });

      expect(await store.findIdempotency('reporter-1', mine.key)).toEqual(mine);
      expect(await store.findIdempotency('reporter-2', theirs.key)).toEqual(theirs);
      expect(await store.headPosition()).toBe(2);
    });

    it('keeps no record for an append that failed, so the key stays free', async () => {
      const store = subject.store();
      await store.append('story-1', numberedEvents(1), { expectedRevision: 0 });
      const record = anIdempotencyRecord();

      await expect(
        store.append('story-1', numberedEvents(1, 2), { expectedRevision: 0, idempotency: record }),
      ).rejects.toThrow();
      expect(await store.findIdempotency(record.scope, record.key)).toBeUndefined();

      await store.append('story-1', numberedEvents(1, 2), { expectedRevision: 1, idempotency: record });
      expect(await store.findIdempotency(record.scope, record.key)).toEqual(record);
    });

    it('keeps a record for an append of no events', async () => {
      const store = subject.store();
      const record = anIdempotencyRecord({ status: 204, body: null });

      await store.append('story-1', [], { expectedRevision: 0, idempotency: record });

      expect(await store.findIdempotency(record.scope, record.key)).toEqual(record);
      expect(await store.headPosition()).toBe(0);
    });

    it('lets exactly one of many concurrent appends with the same key win', async () => {
      const store = subject.store();
      const writers = 10;

      const outcomes = await Promise.allSettled(
        Array.from({ length: writers }, (_, writer) =>
          store.append(`story-${writer}`, [anEvent('Racer', { writer })], {
            expectedRevision: 0,
            idempotency: anIdempotencyRecord({ body: { writer } }),
          }),
        ),
      );

      const lost = outcomes.filter((outcome) => outcome.status === 'rejected');
      expect(lost).toHaveLength(writers - 1);
      for (const outcome of lost) expect(outcome.reason).toBeInstanceOf(IdempotencyKeyTakenError);
      const [winner] = await store.readAll(0, writers);
      expect(await store.headPosition()).toBe(1);
      expect(await store.findIdempotency('reporter-1', 'key-1')).toMatchObject({ body: winner!.data });
    });
  });
}
