/// <reference types="jest" />
import { commitmentOf, type Salts } from '../chain/commitments';
import { RedactionNeedsCommitmentsError, RewriteChangesHashError } from '../event-store.errors';
import { verifyChain } from '../chain/verify-chain';
import { eraseValues } from '../redaction/erase-values';
import { readStream, type ContractSubject } from './contract-fixtures';

const REDACTED_VALUE = '[redacted]';
const metadata = { actor: 'alice', recordedAt: '2026-11-25T10:00:00.000Z' };
const estimate = { developmentId: 'dev-1', count: 100000, source: { name: 'A colonel who asked not to be named', url: 'https://example.org' } };

/**
 * Redaction (rewriteEvents): a value leaves the store while every hash stays. Adapters whose events are
 * immutable (KurrentDB) have no rewriteEvents and say so instead.
 */
export function describeRedactionContract(subject: ContractSubject): void {
  describe('redaction', () => {
    it('erases a value: "[redacted]" in its place, its commitment for its salt, the same hash, the chain still verifying', async () => {
      const store = subject.store();
      await store.append('story-1', [{ type: 'Opened', data: { headline: 'h' }, metadata }, { type: 'Estimated', data: estimate, metadata }], { expectedRevision: 0 });
      const [, before] = await readStream(store, 'story-1');
      const salt = (before!.metadata['salts'] as Salts)['/source/name'] as string;

      expect(await eraseValues(store, 'story-1', [{ revision: 2, pointers: ['/source/name'] }], REDACTED_VALUE)).toBe(1);

      const [, after] = await readStream(store, 'story-1');
      expect(after!.data).toEqual({ ...estimate, source: { ...estimate.source, name: REDACTED_VALUE } });
      expect((after!.metadata['salts'] as Salts)['/source/name']).toEqual({ redacted: commitmentOf(salt, estimate.source.name) });
      expect((after!.metadata['salts'] as Salts)['/count']).toEqual((before!.metadata['salts'] as Salts)['/count']);
      expect(after!.hash).toBe(before!.hash);
      expect((await store.readAll(1, 1))[0]!.data).toEqual(after!.data);
      expect((await verifyChain(store.readStream('story-1'))).verified).toBe(true);
      // Twice is harmless: nothing left to rewrite.
      expect(await eraseValues(store, 'story-1', [{ revision: 2, pointers: ['/source/name'] }], REDACTED_VALUE)).toBe(0);
    });

    it('erases every leaf under a pointer to an object', async () => {
      const store = subject.store();
      await store.append('story-1', [{ type: 'Estimated', data: estimate, metadata }], { expectedRevision: 0 });
      await eraseValues(store, 'story-1', [{ revision: 1, pointers: ['/source'] }], REDACTED_VALUE);
      const [after] = await readStream(store, 'story-1');
      expect(after!.data).toEqual({ ...estimate, source: { name: REDACTED_VALUE, url: REDACTED_VALUE } });
      expect((await verifyChain(store.readStream('story-1'))).verified).toBe(true);
    });

    it('refuses a rewrite that would change a hash, and writes nothing', async () => {
      const store = subject.store();
      await store.append('story-1', [{ type: 'Estimated', data: estimate, metadata }], { expectedRevision: 0 });
      const [before] = await readStream(store, 'story-1');
      await expect(store.rewriteEvents!('story-1', [{ revision: 1, data: { ...estimate, count: 1 }, metadata: before!.metadata }])).rejects.toBeInstanceOf(RewriteChangesHashError);
      expect((await readStream(store, 'story-1'))[0]).toEqual(before);
    });

    it('refuses to erase from an event sealed before commitments, whose hash covers the value itself', async () => {
      const store = subject.store();
      await store.append('story-1', [{ type: 'Estimated', data: estimate, metadata }], { expectedRevision: 0, sealing: 'as-recorded' });
      await expect(eraseValues(store, 'story-1', [{ revision: 1, pointers: ['/source/name'] }], REDACTED_VALUE)).rejects.toBeInstanceOf(RedactionNeedsCommitmentsError);
      expect((await readStream(store, 'story-1'))[0]!.data).toEqual(estimate);
    });
  });
}
