import { setTimeout as sleep } from 'node:timers/promises';
import { BACKWARDS, END, FORWARDS, KurrentDBClient, NO_STREAM, type AppendStreamRequest, type ReadStreamOptions } from '@kurrent/kurrentdb-client';
import { assertExpectedRevision, sealEvents } from '../append-rules';
import { EventStoreUnavailableError, IdempotencyKeyTakenError, WrongExpectedRevisionError } from '../event-store.errors';
import type { AppendOptions, AppendResult, CommitWakeUp, EventStore, IdempotencyRecord, NewEvent, RevisionRange, StoredEvent, Unsubscribe } from '../event-store.port';
import { GENESIS_HASH } from '../hash-chain';
import { GroupCommit, toAppendRequest, type AppendRequest } from '../group-commit';
import { AppendListeners } from '../notify-listeners';
import { CommitWatcher } from './commit-watcher';
import { decodeEvent, decodeIdempotency, encodeEvent, encodeIdempotency, type RecordedKurrentEvent } from './kurrentdb-codec';
import { isStreamNotFound, isUnavailable, revisionConflict, toUnavailable } from './kurrentdb-errors';
import { assertCallerStreamId, KurrentDbStreamNames } from './kurrentdb-names';
import { fromKurrentRevision, toExpectedState, toKurrentRevision } from './kurrentdb-revisions';

/**
 * The production event store on KurrentDB (25.1 or later: it needs the multi-stream append), through
 * `@kurrent/kurrentdb-client`. A story is one KurrentDB stream; our revision N is its revision N − 1.
 *
 * GLOBAL ORDER. The port's `globalPosition` is a dense integer (1, 2, 3…) that followers read "after"
 * (subscribe-to-all.ts), the `/changes` cursor and SSE `Last-Event-ID` carry, and the transparency
 * log numbers its leaves by. KurrentDB's own order, the `$all` commit/prepare position, is a pair of
 * 64-bit byte offsets into the transaction file: increasing, but not dense (it jumps by each record's
 * size, and by every system event, scavenge-untouched), not safe as a JS number past 2^53 bytes, and
 * it would make a story's position change when its history is moved to another store. Extending the
 * port to an opaque bigint cursor would ripple through every follower, the API contract (integer
 * `globalPosition`) and the checkpoints, so the adapter keeps a dense index instead: the stream
 * `story-tracker:log`, whose KurrentDB revision p − 1 holds the event at our position p (a copy of the
 * event with its envelope: its story stream id, revision, hash). Every append writes its story events
 * and their log entries in ONE multi-stream append, with the log stream expected at exactly the
 * revision read before, so:
 *  - positions are handed out one append at a time, in commit order: two appends that read the same
 *    log head cannot both commit (the second gets WrongExpectedVersion on the log and tries again);
 *  - a stream revision is visible only once every lower revision is, so when position p can be read
 *    every position below it can too, and nothing fills in below it later (what `readAll(after)`
 *    promises followers); an append that failed wrote nothing, so positions have no holes;
 *  - `readAll(after, n)` is one read of the log from revision `after`, `readAllBackwards` one read
 *    backwards, `headPosition` the log's last revision + 1; `$all`'s system events never enter it.
 * The log holds a copy rather than a `$>` link so reading it needs no link resolution (and nothing a
 * scavenge of the story stream could turn into a dangling link); the events are small text, and the
 * copies are what lets `readAll` be one round trip. The price: every append in the store serialises on
 * the log stream (as PostgreSQL's log-head row does), retried on conflict with a short random wait.
 *
 * IDEMPOTENCY. KurrentDB drops a repeated event id on its own, but only from an in-memory cache that a
 * restart, a leader change or enough traffic empties (its documentation says so; kurrent-io/KurrentDB
 * #2274), while the API promises that keys survive a restart. So the kept answer is an event of its own
 * stream, `story-tracker:idempotency-<sha256(scope, key)>`, written in the SAME multi-stream append as
 * the story events with the expectation NoStream: the key is taken by exactly one append (the others
 * get WrongExpectedVersion on that stream → IdempotencyKeyTakenError), it is kept if and only if the
 * events are, and it is as durable as they are. Requires KurrentDB 25.1+ (multi-stream append, gRPC v2
 * streams service); an older server refuses the append (Unimplemented), which the error names.
 *
 * FAULTS. Everything that says "no node to talk to" is `EventStoreUnavailableError`; a failure while an
 * append was in flight is `outcomeUnknown` (the append may have been committed: the same idempotency
 * key makes the retry safe). The client reconnects (and rediscovers a cluster's leader) by itself.
 *
 * NOT RUN AGAINST A SERVER. No KurrentDB could be reached where this was written: the contract suite
 * (kurrentdb-event-store.int.spec.ts) runs it when KURRENTDB_CONNECTION_STRING is set, and reports
 * itself skipped otherwise. See the README.
 */
export interface KurrentDbEventStoreOptions {
  /** kurrentdb://host:2113?tls=false, kurrentdb+discover://… for a cluster (any string the client takes). */
  readonly connectionString: string;
  /** Prefixes every stream name: several stores on one server (the tests give each case its own). */
  readonly namespace?: string;
  /** Events read per request while reading a stream (default 500). */
  readonly readPageSize?: number;
  /** How often an append retries after losing the log head to another append (default 200). */
  readonly maxAppendAttempts?: number;
}

/** Opens the store and checks that the server answers (a read of the log head). */
export async function openKurrentDbEventStore(options: KurrentDbEventStoreOptions): Promise<KurrentDbEventStore> {
  const store = new KurrentDbEventStore(options);
  try {
    await store.headPosition();
    return store;
  } catch (error) {
    await store.close();
    throw toUnavailable(error, 'connecting');
  }
}

export class KurrentDbEventStore implements EventStore {
  private readonly client: KurrentDBClient;
  private readonly names: KurrentDbStreamNames;
  private readonly listeners = new AppendListeners();
  private readonly commits: CommitWatcher;
  private readonly readPageSize: number;
  private readonly maxAppendAttempts: number;
  private readonly inOrder = new GroupCommit<AppendRequest, AppendResult>({
    commit: async ([batched]) => {
      const { request, followsAFailure } = batched!;
      // It was decided on the result of an append that failed (see GroupCommit).
      if (followsAFailure) throw new WrongExpectedRevisionError(request.streamId, request.expectedRevision as number, await this.streamRevision(request.streamId));
      return [{ ok: true, result: await this.appendNow(request) }];
    },
    maxBatch: 1,
  });
  private closed = false;

  constructor(options: KurrentDbEventStoreOptions) {
    this.client = KurrentDBClient.connectionString(options.connectionString);
    this.names = new KurrentDbStreamNames(options.namespace ?? '');
    this.readPageSize = positiveInteger(options.readPageSize ?? 500, 'readPageSize');
    this.maxAppendAttempts = positiveInteger(options.maxAppendAttempts ?? 200, 'maxAppendAttempts');
    this.commits = new CommitWatcher(this.client, this.names.log);
  }

  /**
   * This instance's appends go one at a time, in the order they were submitted (a GroupCommit of one
   * per batch): an append may build on the one submitted just before it (the write path pipelines one
   * story's commands), and this instance's appends do not race each other for the log head.
   */
  async append(streamId: string, events: readonly NewEvent[], options: AppendOptions): Promise<AppendResult> {
    this.assertOpen();
    const request = toAppendRequest(streamId, events, options);
    assertCallerStreamId(streamId);
    return this.inOrder.submit(request);
  }

  private async appendNow({ streamId, events, expectedRevision, idempotency }: AppendRequest): Promise<AppendResult> {
    const storyStream = this.names.story(streamId);
    const keyStream = idempotency && this.names.idempotency(idempotency.scope, idempotency.key);

    for (let attempt = 1; ; attempt++) {
      this.assertOpen();
      const [head, logHead, kept] = await Promise.all([
        this.streamHead(storyStream),
        this.headPosition(),
        idempotency ? this.findIdempotency(idempotency.scope, idempotency.key) : undefined,
      ]);
      // The key before the revision: a retried request that lost the race learns its answer is kept.
      if (idempotency && kept) throw new IdempotencyKeyTakenError(idempotency.scope, idempotency.key);
      assertExpectedRevision(streamId, expectedRevision, head.revision);
      const sealed = sealEvents(streamId, events, head.revision, head.hash);
      if (sealed.length === 0 && !idempotency) return { nextRevision: head.revision, positions: [] };

      const positions = sealed.map((_, index) => logHead + index + 1);
      const requests: AppendStreamRequest[] = [];
      if (sealed.length > 0) {
        requests.push({ streamName: storyStream, expectedState: toExpectedState(head.revision), events: sealed.map((event, index) => encodeEvent(streamId, event, positions[index]!)) });
        requests.push({ streamName: this.names.log, expectedState: toExpectedState(logHead), events: sealed.map((event, index) => encodeEvent(streamId, event, positions[index]!)) });
      }
      if (idempotency && keyStream) requests.push({ streamName: keyStream, expectedState: NO_STREAM, events: [encodeIdempotency(idempotency)] });

      try {
        await this.client.multiStreamAppend(requests);
      } catch (error) {
        const conflict = revisionConflict(error);
        if (!conflict) throw toUnavailable(error, 'appending', { outcomeUnknown: isUnavailable(error) });
        if (idempotency && conflict.streamName === keyStream) throw new IdempotencyKeyTakenError(idempotency.scope, idempotency.key);
        if (conflict.streamName === storyStream && expectedRevision !== 'any') {
          throw new WrongExpectedRevisionError(streamId, expectedRevision, conflict.actualRevision ?? (await this.streamRevision(streamId)));
        }
        // The log moved on (another append anywhere in the store), or the story did under 'any':
        // read the heads again and seal anew. A short random wait spreads racing writers out.
        if (attempt >= this.maxAppendAttempts) {
          throw new EventStoreUnavailableError(`KurrentDB append to ${streamId} lost the log head ${attempt} times in a row; try again`, { cause: error });
        }
        await sleep(Math.floor(Math.random() * Math.min(2 ** attempt, 50)));
        continue;
      }

      const stored = sealed.map((event, index): StoredEvent => ({ streamId, ...event, globalPosition: positions[index]! }));
      this.listeners.notify(stored);
      return { nextRevision: head.revision + stored.length, positions };
    }
  }

  /** Page by page (one bounded read each), so memory stays flat however long the story is. */
  async *readStream(streamId: string, range: RevisionRange = {}): AsyncIterable<StoredEvent> {
    this.assertOpen();
    let from = Math.max(range.fromRevision ?? 1, 1);
    const to = range.toRevision ?? Number.MAX_SAFE_INTEGER;
    const name = this.names.story(streamId);
    while (from <= to) {
      const count = Math.min(this.readPageSize, to - from + 1);
      const page = await this.read(name, { fromRevision: toKurrentRevision(from), maxCount: count, direction: FORWARDS }, 'reading a stream');
      for (const recorded of page) yield decodeEvent(recorded, { revision: fromKurrentRevision(recorded.revision) });
      if (page.length < count) return;
      from += page.length;
    }
  }

  async streamRevision(streamId: string): Promise<number> {
    this.assertOpen();
    return (await this.streamHead(this.names.story(streamId))).revision;
  }

  async readAll(afterPosition: number, limit: number): Promise<StoredEvent[]> {
    this.assertOpen();
    if (limit <= 0) return [];
    const after = Math.max(Math.trunc(afterPosition), 0);
    const page = await this.read(this.names.log, { fromRevision: BigInt(after), maxCount: Math.trunc(limit), direction: FORWARDS }, 'reading the log');
    return page.map((recorded) => decodeEvent(recorded, { globalPosition: fromKurrentRevision(recorded.revision) }));
  }

  async readAllBackwards(beforePosition: number | undefined, limit: number): Promise<StoredEvent[]> {
    this.assertOpen();
    if (limit <= 0) return [];
    let fromRevision: bigint | typeof END = END;
    if (beforePosition !== undefined) {
      const last = Math.min(Math.trunc(beforePosition) - 1, await this.headPosition());
      if (last < 1) return [];
      fromRevision = toKurrentRevision(last);
    }
    const page = await this.read(this.names.log, { fromRevision, maxCount: Math.trunc(limit), direction: BACKWARDS }, 'reading the log');
    return page.map((recorded) => decodeEvent(recorded, { globalPosition: fromKurrentRevision(recorded.revision) }));
  }

  async headPosition(): Promise<number> {
    this.assertOpen();
    const [last] = await this.read(this.names.log, { fromRevision: END, maxCount: 1, direction: BACKWARDS }, 'reading the log head');
    return last ? fromKurrentRevision(last.revision) : 0;
  }

  onAppended(listener: (events: readonly StoredEvent[]) => void): Unsubscribe {
    return this.listeners.subscribe(listener);
  }

  /** At once for this instance's appends; through a `$all` subscription on the log for everyone's. */
  onCommitted(listener: CommitWakeUp): Unsubscribe {
    return this.listeners.committed(listener, (wake) => this.commits.watch(wake));
  }

  async findIdempotency(scope: string, key: string): Promise<IdempotencyRecord | undefined> {
    this.assertOpen();
    const [first] = await this.read(this.names.idempotency(scope, key), { fromRevision: BigInt(0), maxCount: 1, direction: FORWARDS }, 'reading an idempotency key');
    if (!first) return undefined;
    const record = decodeIdempotency(first);
    return record.scope === scope && record.key === key ? record : undefined;
  }

  async close(): Promise<void> {
    if (this.closed) return;
    // Appends already accepted are made (or refused) before the client goes.
    await this.inOrder.drain().catch(() => undefined);
    this.closed = true;
    this.listeners.clear();
    await this.commits.stop();
    await this.client.dispose();
  }

  /** The story's revision and head hash (ours), from its last event; 0 and the genesis hash when it has none. */
  private async streamHead(name: string): Promise<{ revision: number; hash: string }> {
    const [last] = await this.read(name, { fromRevision: END, maxCount: 1, direction: BACKWARDS }, 'reading a stream head');
    if (!last) return { revision: 0, hash: GENESIS_HASH };
    const event = decodeEvent(last, { revision: fromKurrentRevision(last.revision) });
    return { revision: event.revision, hash: event.hash };
  }

  /** One bounded read; a stream that does not exist reads as empty. */
  private async read(name: string, options: ReadStreamOptions, doing: string): Promise<RecordedKurrentEvent[]> {
    const events: RecordedKurrentEvent[] = [];
    try {
      for await (const resolved of this.client.readStream(name, options)) {
        if (resolved.event) events.push(resolved.event as RecordedKurrentEvent);
      }
    } catch (error) {
      if (isStreamNotFound(error)) return [];
      throw toUnavailable(error, doing);
    }
    return events;
  }

  private assertOpen(): void {
    if (this.closed) throw new Error('The event store is closed');
  }
}

function positiveInteger(value: number, name: string): number {
  if (!Number.isSafeInteger(value) || value <= 0) throw new RangeError(`${name} must be a positive whole number, not ${value}`);
  return value;
}
