import {
  assertExpectedRevision,
  sealEvents,
  toStoredJson,
} from '../append-rules';
import { IdempotencyKeyTakenError, RewriteChangesHashError, WrongExpectedRevisionError } from '../event-store.errors';
import { followsFailedAppend, GroupCommit, toAppendRequest, type AppendRequest, type BatchOutcome, type Batched } from '../group-commit';
import type {
  AppendOptions,
  AppendResult,
  CommitWakeUp,
  EventRewrite,
  EventStore,
  IdempotencyRecord,
  NewEvent,
  RevisionRange,
  StoredEvent,
  Unsubscribe,
} from '../event-store.port';
import { expectedHash, GENESIS_HASH } from '../hash-chain';
import { AppendListeners } from '../notify-listeners';
import { InMemorySnapshotStore } from '../snapshots/in-memory-snapshot-store';
import { InMemoryWebhookOutbox } from '../outbox/in-memory-webhook-outbox';

/**
 * An event store held in memory, for fast unit tests. It keeps the same promises as the durable
 * adapters: appends are batched as theirs are and each checks and writes in one synchronous step (so
 * concurrent calls cannot interleave), keeps the idempotency record with the events, and hands out copies only, so no caller
 * can change what is stored.
 */
export class InMemoryEventStore implements EventStore {
  private readonly all: StoredEvent[] = [];
  private readonly streams = new Map<string, StoredEvent[]>();
  private readonly idempotency = new Map<string, IdempotencyRecord>();
  private readonly listeners = new AppendListeners();
  private readonly batches = new GroupCommit<AppendRequest, AppendResult>({ commit: (batch) => this.commitBatch(batch) });
  private closed = false;
  /** Snapshots of folded state, held beside the events. */
  readonly snapshots = new InMemorySnapshotStore();
  /** Webhook deliveries waiting to be made, held beside the events. */
  readonly webhookOutbox = new InMemoryWebhookOutbox();

  /** Batched like the durable stores (see GroupCommit), so that it behaves as they do under load. */
  async append(streamId: string, events: readonly NewEvent[], options: AppendOptions): Promise<AppendResult> {
    this.assertOpen();
    return this.batches.submit(toAppendRequest(streamId, events, options));
  }

  async rewriteEvents(streamId: string, rewrites: readonly EventRewrite[]): Promise<void> {
    this.assertOpen();
    const stream = this.streams.get(streamId) ?? [];
    const replaced = rewrites.map((rewrite) => {
      const event = stream[rewrite.revision - 1];
      if (!event) throw new RangeError(`No revision ${rewrite.revision} in ${streamId}`);
      const next: StoredEvent = deepFreeze({ ...event, data: toStoredJson(rewrite.data, 'Event data'), metadata: toStoredJson(rewrite.metadata, 'Event metadata') as StoredEvent['metadata'] });
      if (expectedHash(next) !== event.hash) throw new RewriteChangesHashError(streamId, rewrite.revision);
      return next;
    });
    for (const next of replaced) {
      stream[next.revision - 1] = next;
      this.all[next.globalPosition - 1] = next;
    }
  }

  private commitBatch(batch: readonly Batched<AppendRequest>[]): BatchOutcome<AppendResult>[] {
    const outcomes: BatchOutcome<AppendResult>[] = [];
    for (const batched of batch) {
      const { request } = batched;
      try {
        if (followsFailedAppend(batched, outcomes)) {
          throw new WrongExpectedRevisionError(request.streamId, request.expectedRevision as number, this.streams.get(request.streamId)?.length ?? 0);
        }
        outcomes.push({ ok: true, result: this.appendNow(request) });
      } catch (error) {
        outcomes.push({ ok: false, error });
      }
    }
    return outcomes;
  }

  private appendNow({ streamId, events, expectedRevision, idempotency }: AppendRequest): AppendResult {
    const stream = this.streams.get(streamId) ?? [];
    const head = stream[stream.length - 1];
    const currentRevision = head?.revision ?? 0;
    // The key is checked before the revision: a retried request that lost the race should learn
    // that its answer is kept, not that the stream moved on.
    if (idempotency && this.idempotency.has(keyOf(idempotency.scope, idempotency.key))) {
      throw new IdempotencyKeyTakenError(idempotency.scope, idempotency.key);
    }
    assertExpectedRevision(streamId, expectedRevision, currentRevision);
    const sealed = sealEvents(streamId, events, currentRevision, head?.hash ?? GENESIS_HASH);

    const stored = sealed.map((event, index) =>
      deepFreeze({ streamId, ...event, globalPosition: this.all.length + index + 1 }),
    );
    this.all.push(...stored);
    if (stored.length > 0) this.streams.set(streamId, [...stream, ...stored]);
    if (idempotency) this.idempotency.set(keyOf(idempotency.scope, idempotency.key), deepFreeze(idempotency));

    this.listeners.notify(stored.map(copyEvent));
    return {
      nextRevision: currentRevision + stored.length,
      positions: stored.map((event) => event.globalPosition),
    };
  }

  async *readStream(streamId: string, range: RevisionRange = {}): AsyncIterable<StoredEvent> {
    this.assertOpen();
    const from = range.fromRevision ?? 1;
    const to = range.toRevision ?? Number.MAX_SAFE_INTEGER;
    const stream = this.streams.get(streamId) ?? [];
    for (let revision = Math.max(from, 1); revision <= to && revision <= stream.length; revision++) {
      yield copyEvent(stream[revision - 1]!);
    }
  }

  async streamRevision(streamId: string): Promise<number> {
    this.assertOpen();
    return this.streams.get(streamId)?.length ?? 0;
  }

  async readAll(afterPosition: number, limit: number): Promise<StoredEvent[]> {
    this.assertOpen();
    if (limit <= 0) return [];
    return this.all.slice(Math.max(afterPosition, 0), Math.max(afterPosition, 0) + limit).map(copyEvent);
  }

  async readAllBackwards(beforePosition: number | undefined, limit: number): Promise<StoredEvent[]> {
    this.assertOpen();
    if (limit <= 0) return [];
    const end = Math.min(beforePosition === undefined ? this.all.length : beforePosition - 1, this.all.length);
    return this.all.slice(Math.max(end - limit, 0), Math.max(end, 0)).reverse().map(copyEvent);
  }

  async headPosition(): Promise<number> {
    this.assertOpen();
    return this.all.length;
  }

  onAppended(listener: (events: readonly StoredEvent[]) => void): Unsubscribe {
    return this.listeners.subscribe(listener);
  }

  /** Nothing but this instance writes to it, so its own appends are all there is to hear. */
  onCommitted(listener: CommitWakeUp): Unsubscribe {
    return this.listeners.committed(listener);
  }

  async findIdempotency(scope: string, key: string): Promise<IdempotencyRecord | undefined> {
    this.assertOpen();
    const record = this.idempotency.get(keyOf(scope, key));
    return record && structuredClone(record);
  }

  async close(): Promise<void> {
    this.closed = true;
    this.listeners.clear();
  }

  private assertOpen(): void {
    if (this.closed) throw new Error('The event store is closed');
  }
}

function keyOf(scope: string, key: string): string {
  return JSON.stringify([scope, key]);
}

/** Stored events are frozen so a bug in this adapter cannot change them; callers get thawed copies. */
function copyEvent(event: StoredEvent): StoredEvent {
  return structuredClone(event);
}

function deepFreeze<T>(value: T): T {
  if (value !== null && typeof value === 'object' && !Object.isFrozen(value)) {
    Object.freeze(value);
    for (const inner of Object.values(value)) deepFreeze(inner);
  }
  return value;
}
