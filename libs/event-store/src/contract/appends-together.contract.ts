/// <reference types="jest" />
import { IdempotencyKeyTakenError, WrongExpectedRevisionError } from '../event-store.errors';
import type { AppendResult } from '../event-store.port';
import { anEvent, numberedEvents, readStream, revisionsOf, type ContractSubject } from './contract-fixtures';

type Settled = { ok: true; result: AppendResult } | { ok: false; error: unknown };

/**
 * Appends submitted in the same moment (an adapter may commit them together, in one transaction):
 * each is judged on its own and in the order it was submitted, so one that is refused never takes
 * another down, and one that builds on the append just before it in the same stream goes through.
 */
export function describeAppendsTogetherContract(subject: ContractSubject): void {
  describe('appends submitted together', () => {
    it('judges each on its own: a refused one fails alone and writes nothing', async () => {
      const store = subject.store();
      await store.append('story-b', numberedEvents(2), { expectedRevision: 0 });

      const [first, stale, third] = await settleAll([
        store.append('story-a', numberedEvents(1), { expectedRevision: 0 }),
        store.append('story-b', numberedEvents(1, 3), { expectedRevision: 1 }),
        store.append('story-c', numberedEvents(1), { expectedRevision: 0 }),
      ]);

      expect(first).toMatchObject({ ok: true, result: { nextRevision: 1 } });
      expect(stale).toMatchObject({ ok: false });
      expect((stale as { error: unknown }).error).toBeInstanceOf(WrongExpectedRevisionError);
      expect(third).toMatchObject({ ok: true, result: { nextRevision: 1 } });
      expect(await store.streamRevision('story-b')).toBe(2);
      expect((await store.readAll(0, 10)).map((event) => event.streamId)).toEqual(['story-b', 'story-b', 'story-a', 'story-c']);
    });

    it('takes them in the order they were submitted, so each may build on the one before it', async () => {
      const store = subject.store();

      const results = await Promise.all([0, 1, 2, 3].map((revision) => store.append('story-1', [anEvent(`Step${revision + 1}`)], { expectedRevision: revision })));

      expect(results.map((result) => result.nextRevision)).toEqual([1, 2, 3, 4]);
      const events = await readStream(store, 'story-1');
      expect(revisionsOf(events)).toEqual([1, 2, 3, 4]);
      expect(events.map((event) => event.type)).toEqual(['Step1', 'Step2', 'Step3', 'Step4']);
      // One chain, each link on the one before, although they were sealed together.
      expect(events.slice(1).map((event) => event.previousHash)).toEqual(events.slice(0, -1).map((event) => event.hash));
    });

    it('refuses the ones that built on a refused append, and only those', async () => {
      const store = subject.store();
      await store.append('story-1', numberedEvents(1), { expectedRevision: 0 });

      const [wrong, builtOnWrong, right] = await settleAll([
        store.append('story-1', numberedEvents(1, 2), { expectedRevision: 5 }),
        store.append('story-1', numberedEvents(1, 7), { expectedRevision: 6 }),
        store.append('story-1', numberedEvents(1, 2), { expectedRevision: 1 }),
      ]);

      expect(wrong).toMatchObject({ ok: false });
      expect(builtOnWrong).toMatchObject({ ok: false });
      expect(right).toMatchObject({ ok: true, result: { nextRevision: 2 } });
      expect(revisionsOf(await readStream(store, 'story-1'))).toEqual([1, 2]);
    });

    it('refuses an append that built on a refused one even where the stream has reached the revision it expects', async () => {
      const store = subject.store();
      await store.append('story-1', numberedEvents(2), { expectedRevision: 0 });

      // The first expects revision 1 (stale: the stream is at 2); the second expects the revision the
      // first would have led to, so it was decided on a history that did not happen.
      const [stale, builtOnStale] = await settleAll([
        store.append('story-1', [anEvent('Stale')], { expectedRevision: 1 }),
        store.append('story-1', [anEvent('BuiltOnStale')], { expectedRevision: 2 }),
      ]);

      expect((stale as { error: unknown }).error).toBeInstanceOf(WrongExpectedRevisionError);
      expect((builtOnStale as { error: unknown }).error).toBeInstanceOf(WrongExpectedRevisionError);
      expect(revisionsOf(await readStream(store, 'story-1'))).toEqual([1, 2]);
    });

    it('lets an append build on one submitted a turn before it, in a batch of its own', async () => {
      const store = subject.store();
      await store.append('story-1', numberedEvents(1), { expectedRevision: 0 });

      const first = store.append('story-1', [anEvent('First')], { expectedRevision: 1 });
      await new Promise((resolve) => setImmediate(resolve));
      const second = store.append('story-1', [anEvent('Second')], { expectedRevision: 2 });

      expect((await Promise.all([first, second])).map((result) => result.nextRevision)).toEqual([2, 3]);
      expect((await readStream(store, 'story-1')).map((event) => event.type).slice(1)).toEqual(['First', 'Second']);
    });

    it('keeps an idempotency key for the first of two appends that carry it', async () => {
      const store = subject.store();
      const idempotency = { scope: 'editor', key: 'k-1', fingerprint: 'f', status: 201, body: { revision: 1 } };

      const [first, second] = await settleAll([
        store.append('story-1', numberedEvents(1), { expectedRevision: 0, idempotency }),
        store.append('story-2', numberedEvents(1), { expectedRevision: 0, idempotency }),
      ]);

      expect(first).toMatchObject({ ok: true });
      expect((second as { error: unknown }).error).toBeInstanceOf(IdempotencyKeyTakenError);
      expect(await store.streamRevision('story-2')).toBe(0);
      expect(await store.findIdempotency('editor', 'k-1')).toMatchObject({ body: { revision: 1 } });
    });
  });
}

function settleAll(appends: readonly Promise<AppendResult>[]): Promise<Settled[]> {
  return Promise.all(
    appends.map((append) =>
      append.then(
        (result): Settled => ({ ok: true, result }),
        (error: unknown): Settled => ({ ok: false, error }),
      ),
    ),
  );
}
