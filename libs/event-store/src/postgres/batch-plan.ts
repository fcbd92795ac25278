import { assertExpectedRevision, sealEvents } from '../append-rules';
import { IdempotencyKeyTakenError } from '../event-store.errors';
import type { ExpectedRevision, IdempotencyRecord, NewEvent } from '../event-store.port';
import { GENESIS_HASH } from '../hash-chain';
import type { LockBatchRow, StagedAppend } from './postgres-statements';

/** One append waiting in a batch, its arguments already checked. */
export interface AppendRequest {
  readonly streamId: string;
  readonly events: readonly NewEvent[];
  readonly expectedRevision: ExpectedRevision;
  readonly idempotency: IdempotencyRecord | undefined;
}

/** What a batch's checks said of one append: refused (and why), or staged with the revision it built on. */
export type PlannedAppend =
  | { readonly refused: unknown }
  | { readonly staged: StagedAppend; readonly revisionSeen: number };

/**
 * Checks the appends of a batch one after the other against the heads and kept keys read under the
 * streams' locks, as if each were committed before the next: an append sees the revisions and keys
 * of the ones before it in the batch. Refused appends change nothing for the others.
 */
export function planBatch(requests: readonly AppendRequest[], rows: readonly LockBatchRow[]): PlannedAppend[] {
  const heads = new Map<string, { revision: number; hash: string }>();
  const taken = new Set<string>();
  for (const row of rows) {
    if (row.taken_scope !== null) taken.add(keyOf(row.taken_scope, row.taken_key!));
    else heads.set(row.stream_id!, { revision: row.revision ?? 0, hash: row.hash ?? GENESIS_HASH });
  }
  return requests.map((request): PlannedAppend => {
    const { streamId, idempotency } = request;
    try {
      // The key is checked before the revision: a retried request that lost the race should learn
      // that its answer is kept, not that the stream moved on.
      if (idempotency && taken.has(keyOf(idempotency.scope, idempotency.key))) throw new IdempotencyKeyTakenError(idempotency.scope, idempotency.key);
      const head = heads.get(streamId) ?? { revision: 0, hash: GENESIS_HASH };
      assertExpectedRevision(streamId, request.expectedRevision, head.revision);
      const sealed = sealEvents(streamId, request.events, head.revision, head.hash);
      heads.set(streamId, { revision: head.revision + sealed.length, hash: sealed.at(-1)?.hash ?? head.hash });
      if (idempotency) taken.add(keyOf(idempotency.scope, idempotency.key));
      return { staged: { streamId, sealed, idempotency }, revisionSeen: head.revision };
    } catch (error) {
      return { refused: error };
    }
  });
}

function keyOf(scope: string, key: string): string {
  return `${scope}\u0000${key}`;
}
