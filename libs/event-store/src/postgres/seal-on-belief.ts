import { sealEvents } from '../append-rules';
import type { AppendRequest, Batched } from '../group-commit';
import type { BelievedHeads, StreamHead } from '../believed-heads';
import type { SealedOnBelief } from './postgres-statements';

/**
 * Every append of the batch sealed on the head believed for its stream (or the one the appends
 * before it in the batch lead to), or undefined when one cannot be: a stream whose head is not known,
 * or an expected revision that is not the head believed (the belief may be behind, so the batch takes
 * the path that locks and reads first, and that path gives any refusal on the real head).
 */
export function sealOnBelievedHeads(batch: readonly Batched<AppendRequest>[], believed: BelievedHeads): SealedOnBelief[] | undefined {
  const ahead = new Map<string, StreamHead>();
  const sealedBatch: SealedOnBelief[] = [];
  for (const { request, follows, followsAFailure } of batch) {
    const { streamId, expectedRevision, events, idempotency } = request;
    const head = ahead.get(streamId) ?? believed.get(streamId);
    if (head === undefined || (expectedRevision !== 'any' && expectedRevision !== head.revision)) return undefined;
    const sealed = sealEvents(streamId, events, head.revision, head.hash);
    ahead.set(streamId, { revision: head.revision + sealed.length, hash: sealed.at(-1)?.hash ?? head.hash });
    sealedBatch.push({ streamId, sealed, idempotency, prevRevision: head.revision, prevHash: head.hash, follows: followsAFailure ? 0 : follows === undefined ? null : follows + 1 });
  }
  return sealedBatch;
}
