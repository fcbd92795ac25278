/// <reference types="jest" />
import { verifyChain } from '../chain/verify-chain';
import { anIdempotencyRecord, numberedEvents, readStream, revisionsOf, type ContractSubject } from './contract-fixtures';

/** For durable adapters: their factory must be able to open the same storage again. */
export function describeDurabilityContract(subject: ContractSubject): void {
  describe('after close and reopen (durable adapters)', () => {
    it('keeps everything and continues at the right revision, position and hash', async () => {
      const reopen = subject.reopen();
      if (!reopen) throw new Error('A durable adapter must give reopen() to the contract suite');
      const store = subject.store();
      const record = anIdempotencyRecord();
      await store.append('story-a', numberedEvents(3), { expectedRevision: 0, idempotency: record });
      await store.append('story-b', numberedEvents(1, 4), { expectedRevision: 0 });
      const before = await store.readAll(0, 100);
      await store.close();

      const reopened = await reopen();
      try {
        expect(await reopened.readAll(0, 100)).toEqual(before);
        expect(await reopened.headPosition()).toBe(4);
        expect(await reopened.streamRevision('story-a')).toBe(3);
        expect(await reopened.findIdempotency(record.scope, record.key)).toEqual(record);

        const next = await reopened.append('story-a', numberedEvents(1, 5), { expectedRevision: 3 });
        expect(next).toEqual({ nextRevision: 4, positions: [5] });
        await expect(
          reopened.append('story-a', numberedEvents(1, 6), { expectedRevision: 3 }),
        ).rejects.toMatchObject({ name: 'WrongExpectedRevisionError', actualRevision: 4 });
        const stream = await readStream(reopened, 'story-a');
        expect(revisionsOf(stream)).toEqual([1, 2, 3, 4]);
        expect(stream[3]!.previousHash).toBe(stream[2]!.hash);
        expect(await verifyChain(reopened.readStream('story-a'))).toEqual({ verified: true, events: 4 });
      } finally {
        await reopened.close();
      }
    });
  });
}
