/// <reference types="jest" />
import { verifyChain } from '../chain/verify-chain';
import { chainHash, GENESIS_HASH } from '../hash-chain';
import { anEvent, numberedEvents, readStream, type ContractSubject } from './contract-fixtures';

/** Each stored event links to the one before it in its stream. */
export function describeHashChainContract(subject: ContractSubject): void {
  describe('hash chain', () => {
    it('links each event of a stream to the previous one, across appends, from the genesis hash', async () => {
      const store = subject.store();
      await store.append('story-1', numberedEvents(2), { expectedRevision: 0 });
      await store.append('story-2', numberedEvents(1), { expectedRevision: 0 });
      await store.append('story-1', numberedEvents(2, 3), { expectedRevision: 2 });

      const events = await readStream(store, 'story-1');

      expect(events[0]!.previousHash).toBe(GENESIS_HASH);
      for (let index = 1; index < events.length; index++) {
        expect(events[index]!.previousHash).toBe(events[index - 1]!.hash);
      }
      expect(new Set(events.map((event) => event.hash)).size).toBe(events.length);
      const [other] = await readStream(store, 'story-2');
      expect(other!.previousHash).toBe(GENESIS_HASH);
    });

    it('stores for each event the hash recomputed from its content and the previous hash', async () => {
      const store = subject.store();
      const data = { headline: 'Brücke gesperrt 🚧', sources: [{ name: 'Polizei', at: new Date(0) }], skipped: undefined };
      await store.append('story-1', [anEvent('StoryOpened', data), ...numberedEvents(2, 2)], { expectedRevision: 0 });

      const events = await readStream(store, 'story-1');
      let previousHash = GENESIS_HASH;
      for (const event of events) {
        const { streamId, revision, type, data: content, metadata } = event;
        expect(event.hash).toBe(chainHash(previousHash, { streamId, revision, type, data: content, metadata }));
        previousHash = event.hash;
      }
      expect(await verifyChain(store.readStream('story-1'))).toEqual({ verified: true, events: 3 });
      expect((await store.readAll(0, 3)).map((event) => event.hash)).toEqual(events.map((event) => event.hash));
    });
  });
}
