import { DatabaseError, Pool, type PoolClient, type PoolConfig, type QueryResult, type QueryResultRow } from 'pg';
import { expectedOrSeen } from '../append-rules';
import { GroupCommit, toAppendRequest, type AppendRequest, type BatchOutcome, type Batched } from '../group-commit';
import { planBatch, type PlannedAppend } from './batch-plan';
import { BelievedHeads } from '../believed-heads';
import { sealOnBelievedHeads } from './seal-on-belief';
import { inlineValues } from './inline-values';
import type {
  AppendOptions,
  AppendResult,
  CommitWakeUp,
  EncodedStoredEvent,
  EventRewrite,
  EventStore,
  IdempotencyRecord,
  NewEvent,
  RevisionRange,
  StoredEvent,
  Unsubscribe,
} from '../event-store.port';
import { AppendListeners } from '../notify-listeners';
import { IdempotencyKeyTakenError, RewriteChangesHashError, WrongExpectedRevisionError } from '../event-store.errors';
import { chainHash, GENESIS_HASH } from '../hash-chain';
import { CommitListener } from './commit-listener';
import { toQuery, type FixedStatement } from './fixed-statement';
import { commitOutcomeUnknown, isUnavailable, toUnavailable, translateConstraintError } from './postgres-errors';
import { migrate } from './postgres-schema';
import { PostgresSnapshotStore } from './postgres-snapshot-store';
import { PostgresWebhookOutbox } from '../outbox/postgres-webhook-outbox';
import {
  ALL_AFTER,
  ALL_AFTER_ENCODED,
  ALL_BEFORE,
  APPEND_SEALED,
  appendSealedValues,
  BEGIN_DURABLE,
  FIND_IDEMPOTENCY,
  HEAD_POSITION,
  LOCK_BATCH_STREAMS,
  lockBatchValues,
  STREAM_PAGE,
  STREAM_REVISION,
  toIdempotencyRecord,
  toEncodedStoredEvent,
  toStoredEvent,
  WRITE_BATCH,
  writeBatchValues,
  type AppendSealedRow,
  type EventRow,
  type IdempotencyRow,
  type LockBatchRow,
  type SealedOnBelief,
  type StagedAppend,
} from './postgres-statements';

/**
 * The server event store: any number of instances on any number of machines share one PostgreSQL
 * database. Driver: node-postgres (`pg`), the most used and longest-kept PostgreSQL client for Node
 * (also behind most ORMs), chosen over `postgres` (porsager) because it lets the store hold one
 * connection for an explicit BEGIN … COMMIT and see exactly which statement failed (COMMIT
 * included, which matters below), has a plain client for LISTEN beside the pool, and has
 * connection, statement and read timeouts as options.
 *
 * GLOBAL ORDER. `readAll(after)` must never skip an event that commits later, so positions must be
 * given out in commit order with no gaps that fill in later. A sequence would not do that: a
 * transaction can take number 7, stall, and commit after number 8 is already visible, and a follower
 * that read 8 never goes back for 7 (the trap Emmett fell into). Instead the statement that writes an
 * append's events first updates the one row of `event_log_head` (`position = position + n`), which
 * takes that row's lock until the transaction ends, and its events get the numbers just below the
 * new value. The next append's write waits for the lock, and PostgreSQL releases a transaction's
 * locks only after its commit is visible to every new snapshot (CommitTransaction calls
 * ProcArrayEndTransaction before it releases the locks), so:
 *  - positions are handed out one transaction at a time, in the order the transactions commit;
 *  - when position p is visible, every position below p is already visible (their transactions
 *    committed, and were visible, before p's could take its numbers);
 *  - a transaction that rolls back gives its numbers back (its UPDATE is undone), so positions are
 *    dense: 1, 2, 3… with no holes (what a Merkle log over the positions needs: leaf = position − 1).
 * Anything that writes to `events` must go through the same UPDATE, or the promise is void.
 *
 * STREAMS. Before that, a batch takes the (advisory, transaction) lock of every stream it writes, in
 * the order of the lock keys, and reads their heads after that with a fresh snapshot
 * (event_store_lock_streams), so expected revisions are checked against the truth and 'any' never
 * conflicts; batches on different streams prepare side by side. The locks are always taken in that
 * order (streams by key, then the log head), so they cannot deadlock. The unique (stream, revision)
 * and (scope, key) constraints stay as the last line of defence.
 *
 * COST. Batches commit one at a time: the log head is held for the rest of the write statement, the
 * COMMIT round trip and its WAL flush. So appends are batched in the process (group commit): those
 * that arrive while a batch commits go together in the next one, one flush for the lot, which is what
 * keeps the whole store's append rate up with dense positions. A batch whose streams' heads this
 * instance believes it knows (it wrote them last) is sealed on them and goes in one round trip, the
 * checks made on the server under the locks (event_store_append_sealed); otherwise, or for an append
 * whose stream another instance moved, the locks and heads come first and the write second: two.
 *
 * DURABILITY. synchronous_commit is set on in every append's transaction, so COMMIT returns only
 * once the commit is flushed. If the connection breaks while COMMIT is in flight the outcome is
 * unknown: the append rejects with `EventStoreUnavailableError` (`outcomeUnknown`), never a success
 * it cannot prove; a retry with the same idempotency key is safe either way.
 *
 * FAULTS. Every failure to reach the server in time (refused, lost, timed out, shutting down) is an
 * `EventStoreUnavailableError`; the pool drops broken connections and makes new ones on demand, so
 * the store recovers by itself when the server is back.
 */
export interface PostgresEventStoreOptions {
  /** postgres://user:password@host:port/database (any libpq-style URL node-postgres accepts). */
  readonly connectionString: string;
  /** Connections in the pool (default 10). */
  readonly poolSize?: number;
  /** How long getting a connection may take, also when the pool is busy (default 5000 ms). */
  readonly connectionTimeoutMs?: number;
  /** statement_timeout on the server; the client gives up 2 s later if no answer comes at all (default 10000 ms). */
  readonly statementTimeoutMs?: number;
  /** A transaction left idle this long is ended by the server, so a stalled client cannot hold the log head (default 10000 ms). */
  readonly idleInTransactionTimeoutMs?: number;
  /** Rows fetched per query while reading a stream (default 500). */
  readonly readPageSize?: number;
  /** The LISTEN/NOTIFY channel (default story_tracker_events). */
  readonly channel?: string;
  /** application_name on the server's side (default story-tracker; the listener adds " listen"). */
  readonly applicationName?: string;
  /** The listener's first wait after its connection broke; doubles up to 5 s (default 100 ms). */
  readonly reconnectDelayMs?: number;
  /**
   * Prepare the statements run again and again, once per connection (default true); false behind a
   * pooler in transaction mode that cannot keep them (see fixed-statement.ts).
   */
  readonly preparedStatements?: boolean;
}

/** Opens a store on the database and brings its schema up to date (under a lock, safe to race). */
export async function openPostgresEventStore(options: PostgresEventStoreOptions): Promise<PostgresEventStore> {
  const store = new PostgresEventStore(options);
  try {
    await store.migrate();
    return store;
  } catch (error) {
    await store.close();
    throw toUnavailable(error, 'running migrations');
  }
}

export class PostgresEventStore implements EventStore {
  private readonly pool: Pool;
  private readonly commits: CommitListener;
  private readonly listeners = new AppendListeners();
  private readonly readPageSize: number;
  private readonly channel: string;
  private readonly prepare: boolean;
  private readonly batches: GroupCommit<AppendRequest, AppendResult>;
  private readonly believedHeads = new BelievedHeads();
  private readonly batchesSent = { sealed: 0, locked: 0 };
  private closed = false;
  /** Snapshots of folded state, in the same database (table `snapshots`), on this pool. */
  readonly snapshots: PostgresSnapshotStore;
  /** Webhook deliveries waiting to be made, in the same database (tables `webhook_*`), on this pool. */
  readonly webhookOutbox: PostgresWebhookOutbox;

  constructor(options: PostgresEventStoreOptions) {
    const statementTimeoutMs = positiveInteger(options.statementTimeoutMs ?? 10_000, 'statementTimeoutMs');
    const applicationName = options.applicationName ?? 'story-tracker';
    const connection: PoolConfig = {
      connectionString: options.connectionString,
      connectionTimeoutMillis: positiveInteger(options.connectionTimeoutMs ?? 5000, 'connectionTimeoutMs'),
      statement_timeout: statementTimeoutMs,
      query_timeout: statementTimeoutMs + 2000,
      idle_in_transaction_session_timeout: positiveInteger(options.idleInTransactionTimeoutMs ?? 10_000, 'idleInTransactionTimeoutMs'),
      keepAlive: true,
      application_name: applicationName,
    };
    this.readPageSize = positiveInteger(options.readPageSize ?? 500, 'readPageSize');
    this.channel = options.channel ?? 'story_tracker_events';
    this.prepare = options.preparedStatements ?? true;
    this.batches = new GroupCommit({ commit: (batch) => this.commitBatch(batch) });
    this.pool = new Pool({ ...connection, max: positiveInteger(options.poolSize ?? 10, 'poolSize') });
    // An idle connection that breaks (the server restarted) is dropped by the pool and reported here;
    // without a handler the 'error' event would crash the process.
    this.pool.on('error', () => undefined);
    this.snapshots = new PostgresSnapshotStore(this.pool, () => this.assertOpen(), this.prepare);
    this.webhookOutbox = new PostgresWebhookOutbox(this.pool, () => this.assertOpen(), this.prepare);
    const reconnectDelayMs = positiveInteger(options.reconnectDelayMs ?? 100, 'reconnectDelayMs');
    this.commits = new CommitListener({
      client: { ...connection, application_name: `${applicationName} listen`, statement_timeout: undefined, query_timeout: 5000 },
      channel: this.channel,
      reconnectDelayMs,
      maxReconnectDelayMs: Math.max(reconnectDelayMs, 5000),
      heartbeatMs: 15_000,
    });
  }

  /** Applies the migrations this build knows; `openPostgresEventStore` does it for you. */
  async migrate(): Promise<void> {
    this.assertOpen();
    await migrate(this.pool);
  }

  /**
   * Appends that arrive together (and while the batch before them commits) share one transaction
   * and one WAL flush (group commit, see GroupCommit): the streams' locks and heads in one round
   * trip, the checks here, every event in one write, one COMMIT.
   */
  async append(streamId: string, events: readonly NewEvent[], options: AppendOptions): Promise<AppendResult> {
    this.assertOpen();
    return this.batches.submit(toAppendRequest(streamId, events, options));
  }

  /**
   * One batch: in one round trip when every stream's head is believed known (sealed on those heads,
   * checked on the server); an append whose stream had moved comes back 'stale' and goes again by
   * the locking path, which also takes any batch with a stream whose head is not known.
   */
  private async commitBatch(batch: readonly Batched<AppendRequest>[]): Promise<BatchOutcome<AppendResult>[]> {
    const sealed = sealOnBelievedHeads(batch, this.believedHeads);
    const rows = sealed && (await this.commitSealed(batch, sealed));
    if (!sealed || !rows) return this.commitLocked(batch);
    const outcomes: BatchOutcome<AppendResult>[] = new Array<BatchOutcome<AppendResult>>(batch.length);
    const stale: number[] = [];
    rows.forEach((row, index) => {
      const { request } = batch[index]!;
      this.believedHeads.remember(request.streamId, { revision: row.head_revision, hash: row.head_hash });
      if (row.outcome === 'ok') outcomes[index] = this.stored(sealed[index]!, sealed[index]!.prevRevision, Number(row.first_position ?? 0));
      else if (row.outcome === 'stale') stale.push(index);
      else if (row.outcome === 'key-taken') outcomes[index] = { ok: false, error: new IdempotencyKeyTakenError(request.idempotency!.scope, request.idempotency!.key) };
      else outcomes[index] = { ok: false, error: new WrongExpectedRevisionError(request.streamId, expectedOrSeen(request, row.head_revision), row.head_revision) };
    });
    if (stale.length > 0) {
      // Another instance wrote to these streams: checked again on the heads read under the locks. The
      // others are committed already: if this fails, it fails the stale ones alone. (An append built on
      // a stale one was answered 'followed' by the server: a conflict to decide again, even if the stale
      // one now passes, never an append on a history it did not see.)
      try {
        const again = await this.commitLocked(stale.map((index) => ({ request: batch[index]!.request, followsAFailure: false })));
        again.forEach((outcome, position) => (outcomes[stale[position]!] = outcome));
      } catch (error) {
        for (const index of stale) outcomes[index] = { ok: false, error };
      }
    }
    return outcomes;
  }

  /**
   * The sealed batch as one statement (its own transaction). Undefined when the server refused it for
   * a reason the locking path answers better (a key another stream's writer took at this moment):
   * nothing was written. A lost connection may have committed it: outcome unknown.
   */
  private async commitSealed(batch: readonly Batched<AppendRequest>[], sealed: readonly SealedOnBelief[]): Promise<AppendSealedRow[] | undefined> {
    const client = await this.checkOut('appending');
    let broken: Error | undefined;
    this.batchesSent.sealed += 1;
    try {
      return (await client.query<AppendSealedRow>(toQuery(APPEND_SEALED, appendSealedValues(sealed, GENESIS_HASH, this.channel), this.prepare))).rows;
    } catch (error) {
      this.believedHeads.forget(batch.map(({ request }) => request.streamId));
      // An error the server answered (a statement timeout while waiting for a lock, say) rolled the
      // statement's transaction back: nothing was written. A connection lost on the way may have committed.
      if (isUnavailable(error)) {
        if (answeredByServer(error)) throw toUnavailable(error, 'appending');
        broken = error instanceof Error ? error : new Error(String(error));
        throw commitOutcomeUnknown(error);
      }
      return undefined;
    } finally {
      client.release(broken);
    }
  }

  /** The locking path: the streams' locks and heads in one round trip, the checks here, then the write and COMMIT. */
  private async commitLocked(batch: readonly Batched<AppendRequest>[]): Promise<BatchOutcome<AppendResult>[]> {
    const requests = batch.map(({ request }) => request);
    const client = await this.checkOut('appending');
    this.batchesSent.locked += 1;
    let broken: Error | undefined;
    let committing = false;
    let planned: PlannedAppend[] | undefined;
    let firstPosition = 0;
    let oneByOne = false;
    try {
      // Two round trips for the batch, each several statements in one simple query: BEGIN and the
      // locks; then the write and COMMIT (see inlineValues).
      const begun = await client.query(`${BEGIN_DURABLE}; ${inlineValues(LOCK_BATCH_STREAMS, lockBatchValues(requests))}`);
      planned = planBatch(batch, lastResult<LockBatchRow>(begun).rows);
      const staged = planned.flatMap((plan) => ('staged' in plan ? [plan.staged] : []));
      const write = staged.length > 0 ? `${inlineValues(WRITE_BATCH, writeBatchValues(staged, this.channel))}; ` : '';
      committing = true;
      const written = await client.query(`${write}COMMIT`);
      if (staged.length > 0) {
        const eventCount = staged.reduce((sum, append) => sum + append.sealed.length, 0);
        firstPosition = Number(firstResult<{ position: string }>(written).rows[0]!.position) - eventCount + 1;
      }
    } catch (error) {
      this.believedHeads.forget(requests.map(({ streamId }) => streamId));
      if (isUnavailable(error)) {
        // The connection is no good any more: the pool must not hand it out again.
        broken = error instanceof Error ? error : new Error(String(error));
        throw committing ? commitOutcomeUnknown(error) : toUnavailable(error, 'appending');
      }
      try {
        await client.query('ROLLBACK');
      } catch (rollbackError) {
        broken = rollbackError instanceof Error ? rollbackError : new Error(String(rollbackError));
      }
      if (batch.length === 1) {
        const [request] = requests;
        throw await translateConstraintError(error, { ...request!, revisionSeen: undefined }, () => this.streamRevision(request!.streamId));
      }
      // A constraint that the checks under the locks could not foresee (a key taken at this moment
      // by a writer outside the batch's streams): each append again in a transaction of its own, so
      // only the one concerned is refused.
      if (broken) throw error;
      oneByOne = true;
    } finally {
      client.release(broken);
    }
    return oneByOne ? this.commitOneByOne(batch) : this.answer(planned!, firstPosition);
  }

  private async commitOneByOne(batch: readonly Batched<AppendRequest>[]): Promise<BatchOutcome<AppendResult>[]> {
    const outcomes: BatchOutcome<AppendResult>[] = [];
    for (const { request, follows, followsAFailure } of batch) {
      const failedBefore = followsAFailure || (follows !== undefined && outcomes[follows]?.ok === false);
      try {
        outcomes.push(...(await this.commitLocked([{ request, followsAFailure: failedBefore }])));
      } catch (error) {
        outcomes.push({ ok: false, error });
      }
    }
    return outcomes;
  }

  /** After the commit: positions in the batch's order, the listeners told, each append answered. */
  private answer(planned: readonly PlannedAppend[], firstPosition: number): BatchOutcome<AppendResult>[] {
    let next = firstPosition;
    return planned.map((plan): BatchOutcome<AppendResult> => {
      if ('refused' in plan) return { ok: false, error: plan.refused };
      const outcome = this.stored(plan.staged, plan.revisionSeen, next);
      next += plan.staged.sealed.length;
      return outcome;
    });
  }

  /** A committed append: its events at their positions, the listeners told, its stream's head remembered. */
  private stored({ streamId, sealed }: StagedAppend, revisionSeen: number, firstPosition: number): BatchOutcome<AppendResult> {
    const stored = sealed.map((event, index): StoredEvent => ({ streamId, ...event, globalPosition: firstPosition + index }));
    const last = stored.at(-1);
    if (last) this.believedHeads.remember(streamId, { revision: last.revision, hash: last.hash });
    this.listeners.notify(stored);
    return { ok: true, result: { nextRevision: revisionSeen + stored.length, positions: stored.map((event) => event.globalPosition) } };
  }

  /** Reads page by page, one short query each, so memory stays flat and no connection is held between pages. */
  async *readStream(streamId: string, range: RevisionRange = {}): AsyncIterable<StoredEvent> {
    this.assertOpen();
    let from = Math.max(range.fromRevision ?? 1, 1);
    const to = range.toRevision ?? Number.MAX_SAFE_INTEGER;
    while (from <= to) {
      this.assertOpen();
      const rows = await this.query<EventRow>(STREAM_PAGE, [streamId, from, to, this.readPageSize], 'reading a stream');
      for (const row of rows) yield toStoredEvent(row);
      if (rows.length < this.readPageSize) return;
      from = rows[rows.length - 1]!.revision + 1;
    }
  }

  async streamRevision(streamId: string): Promise<number> {
    this.assertOpen();
    const rows = await this.query<{ revision: number }>(STREAM_REVISION, [streamId], 'reading a stream revision');
    return rows[0]?.revision ?? 0;
  }

  async readAll(afterPosition: number, limit: number): Promise<StoredEvent[]> {
    this.assertOpen();
    if (limit <= 0) return [];
    return (await this.query<EventRow>(ALL_AFTER, [Math.trunc(afterPosition), Math.trunc(limit)], 'reading the log')).map(toStoredEvent);
  }

  /** The log as JSON text, for consumers that parse only what they need (a read model rebuilt). */
  async readAllEncoded(afterPosition: number, limit: number): Promise<EncodedStoredEvent[]> {
    this.assertOpen();
    if (limit <= 0) return [];
    return (await this.query<EventRow>(ALL_AFTER_ENCODED, [Math.trunc(afterPosition), Math.trunc(limit)], 'reading the log')).map(toEncodedStoredEvent);
  }

  async readAllBackwards(beforePosition: number | undefined, limit: number): Promise<StoredEvent[]> {
    this.assertOpen();
    if (limit <= 0) return [];
    const before = Math.trunc(beforePosition ?? Number.MAX_SAFE_INTEGER);
    return (await this.query<EventRow>(ALL_BEFORE, [before, Math.trunc(limit)], 'reading the log')).map(toStoredEvent);
  }

  async headPosition(): Promise<number> {
    this.assertOpen();
    const rows = await this.query<{ position: string }>(HEAD_POSITION, [], 'reading the log head');
    return Number(rows[0]?.position ?? 0);
  }

  onAppended(listener: (events: readonly StoredEvent[]) => void): Unsubscribe {
    return this.listeners.subscribe(listener);
  }

  /** At once for this instance's appends; through LISTEN/NOTIFY for everyone's (including these, again). */
  onCommitted(listener: CommitWakeUp): Unsubscribe {
    return this.listeners.committed(listener, (wake) => this.commits.watch(wake));
  }

  async findIdempotency(scope: string, key: string): Promise<IdempotencyRecord | undefined> {
    this.assertOpen();
    const rows = await this.query<IdempotencyRow>(FIND_IDEMPOTENCY, [scope, key], 'reading an idempotency key');
    return rows[0] && toIdempotencyRecord(rows[0]);
  }

  /** Ends the listener and every pooled connection (after the ones in use are given back); idempotent. */
  async close(): Promise<void> {
    if (this.closed) return;
    // Appends already accepted are committed (or refused) before the connections go.
    await this.batches.drain().catch(() => undefined);
    this.closed = true;
    this.listeners.clear();
    await this.commits.stop();
    await this.pool.end();
  }

  /**
   * A redaction's rewrite: under the stream's append lock (no append can interleave), each row checked
   * to keep its hash, then updated; after the commit a VACUUM of the events table, so the row versions
   * that held the values are removed, not only dead.
   */
  async rewriteEvents(streamId: string, rewrites: readonly EventRewrite[]): Promise<void> {
    this.assertOpen();
    const client = await this.checkOut('rewriting events');
    let broken: Error | undefined;
    try {
      await client.query('BEGIN');
      await client.query('SELECT pg_advisory_xact_lock(1400140800, hashtext($1))', [streamId]);
      for (const rewrite of rewrites) {
        const { rows } = await client.query<{ type: string; hash: string; previous_hash: string }>(
          'SELECT type, hash, previous_hash FROM events WHERE stream_id = $1 AND revision = $2',
          [streamId, rewrite.revision],
        );
        const row = rows[0];
        if (!row) throw new RangeError(`No revision ${rewrite.revision} in ${streamId}`);
        const data = JSON.stringify(rewrite.data);
        const metadata = JSON.stringify(rewrite.metadata);
        const next = { streamId, revision: rewrite.revision, type: row.type, data: JSON.parse(data) as unknown, metadata: JSON.parse(metadata) as Record<string, unknown> };
        if (chainHash(row.previous_hash, next) !== row.hash) throw new RewriteChangesHashError(streamId, rewrite.revision);
        await client.query('UPDATE events SET data = $1::json, metadata = $2::json WHERE stream_id = $3 AND revision = $4', [data, metadata, streamId, rewrite.revision]);
      }
      await client.query('COMMIT');
    } catch (error) {
      await client.query('ROLLBACK').catch((rollback: Error) => (broken = rollback));
      throw error instanceof RangeError || error instanceof RewriteChangesHashError ? error : toUnavailable(error, 'rewriting events');
    } finally {
      client.release(broken);
    }
    // VACUUM cannot run in a transaction; it waits for no lock that appends take.
    await this.query('VACUUM events', [], 'vacuuming after a redaction');
  }

  /**
   * Batches sent so far, by the way they went: sealed on believed heads (one round trip) or by the
   * locking path (two); for tests and diagnostics.
   */
  get appendBatches(): { readonly sealed: number; readonly locked: number } {
    return { ...this.batchesSent };
  }

  /** How often the LISTEN connection has been (re)made; for tests and diagnostics. */
  get listenerConnects(): number {
    return this.commits.connects;
  }

  private async query<T extends QueryResultRow>(statement: FixedStatement | string, values: unknown[], doing: string): Promise<T[]> {
    try {
      return (await this.pool.query<T>(toQuery(statement, values, this.prepare))).rows;
    } catch (error) {
      throw toUnavailable(error, doing);
    }
  }

  /**
   * A connection of the pool's for one transaction. While it is out of the pool nothing else
   * listens for its 'error' event, which node-postgres emits when the socket dies (also after
   * failing the query in flight): without a listener that would crash the process. The query's own
   * rejection is what the append acts on; `release()` takes the listener off again.
   */
  private async checkOut(doing: string): Promise<PoolClient & { release(broken?: Error): void }> {
    let client: PoolClient;
    try {
      client = await this.pool.connect();
    } catch (error) {
      throw toUnavailable(error, doing);
    }
    const ignore = () => undefined;
    client.on('error', ignore);
    const release = client.release.bind(client);
    return Object.assign(client, {
      release: (broken?: Error) => {
        client.removeListener('error', ignore);
        release(broken);
      },
    });
  }

  private assertOpen(): void {
    if (this.closed) throw new Error('The event store is closed');
  }
}

/** The results of a query of several statements come as an array, one per statement. */
function lastResult<T extends QueryResultRow>(result: QueryResult | QueryResult[]): QueryResult<T> {
  return (Array.isArray(result) ? result.at(-1)! : result) as QueryResult<T>;
}

function firstResult<T extends QueryResultRow>(result: QueryResult | QueryResult[]): QueryResult<T> {
  return (Array.isArray(result) ? result[0]! : result) as QueryResult<T>;
}

/** An error the server sent for the statement (severity ERROR): its transaction rolled back, the session lives on. */
function answeredByServer(error: unknown): boolean {
  return error instanceof DatabaseError && error.severity === 'ERROR';
}

function positiveInteger(value: number, name: string): number {
  if (!Number.isSafeInteger(value) || value <= 0) {
    throw new RangeError(`${name} must be a positive whole number, not ${value}`);
  }
  return value;
}
