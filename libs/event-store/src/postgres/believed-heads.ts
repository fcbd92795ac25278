import { sealEvents } from '../append-rules';
import type { AppendRequest, Batched } from '../group-commit';
import type { SealedOnBelief } from './postgres-statements';

export interface StreamHead {
  readonly revision: number;
  readonly hash: string;
}

/** How many stream heads a store remembers (it forgets them all past this; the next append locks and reads). */
const KNOWN_HEADS = 10_000;

/**
 * The heads of the streams this instance last wrote (or read under their locks): what its next batch
 * is sealed on before anything is locked, so that the batch needs one round trip. A belief, never
 * trusted: the server checks each append against the real head under the stream's lock, and another
 * instance's write only turns the append into a 'stale' one, sealed again on the head found.
 */
export class BelievedHeads {
  private readonly heads = new Map<string, StreamHead>();

  get(streamId: string): StreamHead | undefined {
    return this.heads.get(streamId);
  }

  remember(streamId: string, head: StreamHead): void {
    if (this.heads.size >= KNOWN_HEADS && !this.heads.has(streamId)) this.heads.clear();
    this.heads.set(streamId, head);
  }

  forget(streamIds: Iterable<string>): void {
    for (const streamId of streamIds) this.heads.delete(streamId);
  }
}

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
