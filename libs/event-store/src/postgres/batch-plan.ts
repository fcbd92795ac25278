import { assertExpectedRevision, sealEvents } from '../append-rules';
import { IdempotencyKeyTakenError, WrongExpectedRevisionError } from '../event-store.errors';
import type { AppendRequest, Batched } from '../group-commit';
import { GENESIS_HASH } from '../hash-chain';
import type { LockBatchRow, StagedAppend } from './postgres-statements';

/** What a batch's checks said of one append: refused (and why), or staged with the revision it built on. */
export type PlannedAppend =
  | { readonly refused: unknown }
  | { readonly staged: StagedAppend; readonly revisionSeen: number };

/**
 * Checks the appends of a batch one after the other against the heads and kept keys read under the
 * streams' locks, as if each were committed before the next: an append sees the revisions and keys
 * of the ones before it in the batch. Refused appends change nothing for the others.
 */
export function planBatch(batch: readonly Batched<AppendRequest>[], rows: readonly LockBatchRow[]): PlannedAppend[] {
  const heads = new Map<string, { revision: number; hash: string }>();
  const taken = new Set<string>();
  for (const row of rows) {
    if (row.taken_scope !== null) taken.add(keyOf(row.taken_scope, row.taken_key!));
    else heads.set(row.stream_id!, { revision: row.revision ?? 0, hash: row.hash ?? GENESIS_HASH });
  }
  const planned: PlannedAppend[] = [];
  for (const batched of batch) {
    const { request } = batched;
    const { streamId } = request;
    const head = heads.get(streamId) ?? { revision: 0, hash: GENESIS_HASH };
    if (batched.followsAFailure || (batched.follows !== undefined && 'refused' in planned[batched.follows]!)) {
      // It was decided on the result of an append that failed (see GroupCommit).
      planned.push({ refused: new WrongExpectedRevisionError(streamId, request.expectedRevision as number, head.revision) });
      continue;
    }
    planned.push(plan(request, head));
  }
  return planned;

  function plan(request: AppendRequest, head: { revision: number; hash: string }): PlannedAppend {
    const { streamId, idempotency } = request;
    try {
      // The key is checked before the revision: a retried request that lost the race should learn
      // that its answer is kept, not that the stream moved on.
      if (idempotency && taken.has(keyOf(idempotency.scope, idempotency.key))) throw new IdempotencyKeyTakenError(idempotency.scope, idempotency.key);
      assertExpectedRevision(streamId, request.expectedRevision, head.revision);
      const sealed = sealEvents(streamId, request.events, head.revision, head.hash);
      heads.set(streamId, { revision: head.revision + sealed.length, hash: sealed.at(-1)?.hash ?? head.hash });
      if (idempotency) taken.add(keyOf(idempotency.scope, idempotency.key));
      return { staged: { streamId, sealed, idempotency }, revisionSeen: head.revision };
    } catch (error) {
      return { refused: error };
    }
  }
}

function keyOf(scope: string, key: string): string {
  return `${scope}\u0000${key}`;
}
