import Database from 'better-sqlite3';
import { expectedOrSeen } from '../append-rules';
import { IdempotencyKeyTakenError, RewriteChangesHashError, WrongExpectedRevisionError } from '../event-store.errors';
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
import { chainHash } from '../hash-chain';
import { GroupCommit, toAppendRequest, type AppendRequest, type BatchOutcome, type Batched } from '../group-commit';
import { translateConstraintError } from './sqlite-errors';
import { SqliteWriter, writerError, type WriterAppend, type WriterOutcome } from './sqlite-writer';
import { AppendListeners } from '../notify-listeners';
import { configureConnection, migrate } from './sqlite-schema';
import {
  prepareStatements,
  toEncodedStoredEvent,
  toIdempotencyRecord,
  toStoredEvent,
  type EventRow,
  type SqliteStatements,
} from './sqlite-statements';
import { CommitWatcher } from './commit-watcher';
import { emptyWal } from './wal-mode';
import { SqliteSnapshotStore } from './sqlite-snapshot-store';
import { SqliteWebhookOutbox } from '../outbox/sqlite-webhook-outbox';

export interface SqliteEventStoreOptions {
  /** Path of the database file; created with its tables when missing. */
  readonly file: string;
  /** How often committed pages move from the WAL into the database file (default 1000 ms). */
  readonly checkpointIntervalMs?: number;
  /** How long a writer waits for another connection's write lock (default 5000 ms). */
  readonly busyTimeoutMs?: number;
  /** How often other connections' commits are looked for while someone follows the store (default 100 ms). */
  readonly followIntervalMs?: number;
  /** Rows fetched per query while reading a stream (default 500). */
  readonly readPageSize?: number;
}


/** Opens (and if needed creates) an event store in one SQLite file. */
export function openSqliteEventStore(options: SqliteEventStoreOptions): SqliteEventStore {
  return SqliteEventStore.open(options);
}

/**
 * The embedded, durable event store: one SQLite file in WAL mode; reads on a connection of this
 * thread, appends through a writer thread with a connection of its own (SqliteWriter). Several
 * instances (or processes) may share a file; every batch takes the write lock before it checks the
 * streams' heads, so they take turns and a stale writer always gets a conflict.
 */
export class SqliteEventStore implements EventStore {
  private readonly statements: SqliteStatements;
  private readonly rewriteStatements;
  private readonly commits: CommitWatcher;
  private readonly listeners = new AppendListeners();
  private readonly readPageSize: number;
  private readonly batches: GroupCommit<AppendRequest, AppendResult>;
  private readonly writer: SqliteWriter;
  /** Stream revisions read since `PRAGMA data_version` was `revisionsAt` (see streamRevision). */
  private readonly revisions = new Map<string, number>();
  private revisionsAt: number | undefined;
  private closed = false;
  /** Snapshots of folded state, in the same file (table `snapshots`), on this connection. */
  readonly snapshots: SqliteSnapshotStore;
  /** Webhook deliveries waiting to be made, in the same file (tables `webhook_*`), on this connection. */
  readonly webhookOutbox: SqliteWebhookOutbox;

  static open(options: SqliteEventStoreOptions): SqliteEventStore {
    const db = new Database(options.file);
    try {
      configureConnection(db, options.busyTimeoutMs ?? 5000);
      migrate(db);
      return new SqliteEventStore(db, options, options.busyTimeoutMs ?? 5000);
    } catch (error) {
      db.close();
      throw error;
    }
  }

  private constructor(
    private readonly db: Database.Database,
    options: SqliteEventStoreOptions,
    busyTimeoutMs: number,
  ) {
    this.statements = prepareStatements(db);
    // Redactions erase values: what this connection deletes or overwrites is zeroed on disk (the writer
    // thread's connection too, see sqlite-writer.thread.ts).
    db.pragma('secure_delete = ON');
    this.rewriteStatements = {
      event: db.prepare<[string, number], { type: string; hash: string; previous_hash: string }>('SELECT type, hash, previous_hash FROM events WHERE stream_id = ? AND revision = ?'),
      update: db.prepare<[string, string, string, number]>('UPDATE events SET data = ?, metadata = ? WHERE stream_id = ? AND revision = ?'),
    };
    this.writer = new SqliteWriter(db.name, busyTimeoutMs, positiveInteger(options.checkpointIntervalMs ?? 1000, 'checkpointIntervalMs'));
    this.batches = new GroupCommit({ commit: (batch) => this.commitBatch(batch) });
    this.snapshots = new SqliteSnapshotStore(db, () => this.assertOpen(), () => this.batches.betweenBatches());
    this.webhookOutbox = new SqliteWebhookOutbox(db, () => this.assertOpen());
    this.readPageSize = positiveInteger(options.readPageSize ?? 500, 'readPageSize');
    this.commits = new CommitWatcher(db, positiveInteger(options.followIntervalMs ?? 100, 'followIntervalMs'));
  }

  /**
   * Appends that arrive together are committed together (group commit, see GroupCommit): one
   * IMMEDIATE transaction and one fsync for the batch, a savepoint for each append, so each is
   * checked on its own and one refused append never fails another.
   */
  async append(streamId: string, events: readonly NewEvent[], options: AppendOptions): Promise<AppendResult> {
    this.assertOpen();
    return this.batches.submit(toAppendRequest(streamId, events, options));
  }

  /**
   * One batch: checked, sealed and written by the writer thread in one transaction (a savepoint
   * each), on the heads the file has; then the listeners, in order.
   */
  private async commitBatch(batch: readonly Batched<AppendRequest>[]): Promise<BatchOutcome<AppendResult>[]> {
    const answers = await this.writer.commit(batch.map(toWriterAppend));
    return answers.map((answer, index) => this.settle(batch[index]!.request, answer));
  }

  /** The answer to an append the writer checked, the listeners told of what it stored. */
  private settle(request: AppendRequest, answer: WriterOutcome | undefined): BatchOutcome<AppendResult> {
    const { streamId, idempotency } = request;
    if (answer === undefined) return { ok: false, error: new Error('The writer gave no answer for this append') };
    switch (answer.kind) {
      case 'key-taken':
        return { ok: false, error: new IdempotencyKeyTakenError(idempotency!.scope, idempotency!.key) };
      case 'conflict':
      case 'followed':
        // The stream is not at the revision expected; or the append was decided on the result of an append that failed (see GroupCommit).
        return { ok: false, error: new WrongExpectedRevisionError(streamId, expectedOrSeen(request, answer.revision), answer.revision) };
      case 'failed':
        return {
          ok: false,
          error: translateConstraintError(writerError(answer.error), {
            streamId,
            expectedRevision: request.expectedRevision,
            idempotency,
            // The writer read the head under its lock; with 'any' the error names the head found now.
            revisionSeen: undefined,
            actualRevision: () => this.statements.streamHead.get(streamId)?.revision ?? 0,
          }),
        };
      case 'ok': {
        let previousHash = answer.headHash;
        const stored = request.events.map((event, index): StoredEvent => {
          const hash = answer.hashes[index]!;
          const sealed = { streamId, revision: answer.revisionBefore + index + 1, type: event.type, data: event.data, metadata: event.metadata, hash, previousHash, globalPosition: answer.positions[index]! };
          previousHash = hash;
          return sealed;
        });
        this.listeners.notify(stored);
        return { ok: true, result: { nextRevision: answer.revisionBefore + stored.length, positions: answer.positions } };
      }
    }
  }

  /**
   * Reads page by page with a short query each time rather than one `.iterate()` cursor: while a
   * cursor is open better-sqlite3 refuses every other statement on the connection, so a consumer
   * that appends while it reads (or a slow one that lets other requests run) would break.
   */
  async *readStream(streamId: string, range: RevisionRange = {}): AsyncIterable<StoredEvent> {
    for (const rows of this.streamPages(streamId, range)) for (const row of rows) yield toStoredEvent(row);
  }

  /** `readStream` page by page, with data and metadata as the text in the row (nothing parsed). */
  async *readStreamEncodedPages(streamId: string, range: RevisionRange = {}): AsyncIterable<readonly EncodedStoredEvent[]> {
    for (const rows of this.streamPages(streamId, range)) if (rows.length > 0) yield rows.map(toEncodedStoredEvent);
  }

  private *streamPages(streamId: string, range: RevisionRange): Iterable<EventRow[]> {
    this.assertOpen();
    let from = Math.max(range.fromRevision ?? 1, 1);
    const to = range.toRevision ?? Number.MAX_SAFE_INTEGER;
    while (from <= to) {
      this.assertOpen();
      const rows = this.statements.streamPage.all(streamId, from, to, this.readPageSize);
      yield rows;
      if (rows.length < this.readPageSize) return;
      from = rows[rows.length - 1]!.revision + 1;
    }
  }

  /**
   * Remembered per stream until another connection commits (this store's writer thread included):
   * `PRAGMA data_version` changes exactly then, and costs less than the indexed lookup, which every
   * GET of a story makes. A value read after the version was taken is never older than that version.
   */
  async streamRevision(streamId: string): Promise<number> {
    this.assertOpen();
    const version = this.statements.dataVersion.get()!;
    if (version !== this.revisionsAt) {
      this.revisions.clear();
      this.revisionsAt = version;
    }
    const known = this.revisions.get(streamId);
    if (known !== undefined) return known;
    const revision = this.statements.streamRevision.get(streamId) ?? 0;
    if (this.revisions.size >= KNOWN_REVISIONS) this.revisions.clear();
    this.revisions.set(streamId, revision);
    return revision;
  }

  async readAll(afterPosition: number, limit: number): Promise<StoredEvent[]> {
    this.assertOpen();
    if (limit <= 0) return [];
    return this.statements.allAfter.all(afterPosition, Math.trunc(limit)).map(toStoredEvent);
  }

  /** `readAll` with data and metadata as the text in the row (nothing parsed). */
  async readAllEncoded(afterPosition: number, limit: number): Promise<EncodedStoredEvent[]> {
    this.assertOpen();
    if (limit <= 0) return [];
    return this.statements.allAfter.all(afterPosition, Math.trunc(limit)).map(toEncodedStoredEvent);
  }

  async readAllBackwards(beforePosition: number | undefined, limit: number): Promise<StoredEvent[]> {
    this.assertOpen();
    if (limit <= 0) return [];
    return this.statements.allBefore.all(beforePosition ?? Number.MAX_SAFE_INTEGER, Math.trunc(limit)).map(toStoredEvent);
  }

  async headPosition(): Promise<number> {
    this.assertOpen();
    return this.statements.headPosition.get()?.head ?? 0;
  }

  onAppended(listener: (events: readonly StoredEvent[]) => void): Unsubscribe {
    return this.listeners.subscribe(listener);
  }

  onCommitted(listener: CommitWakeUp): Unsubscribe {
    return this.listeners.committed(listener, (wake) => this.commits.watch(wake));
  }

  /**
   * A redaction's rewrite, on this (main) connection, which runs with secure_delete so the bytes the
   * rows held are overwritten with zeros, not left in freed space; then the WAL, which still holds the
   * pages as they were, is copied back and truncated (see emptyWal).
   */
  async rewriteEvents(streamId: string, rewrites: readonly EventRewrite[]): Promise<void> {
    this.assertOpen();
    this.db
      .transaction(() => {
        for (const rewrite of rewrites) {
          const row = this.rewriteStatements.event.get(streamId, rewrite.revision);
          if (!row) throw new RangeError(`No revision ${rewrite.revision} in ${streamId}`);
          const data = JSON.stringify(rewrite.data);
          const metadata = JSON.stringify(rewrite.metadata);
          const next = { streamId, revision: rewrite.revision, type: row.type, data: JSON.parse(data) as unknown, metadata: JSON.parse(metadata) as Record<string, unknown>, previousHash: row.previous_hash };
          if (chainHash(row.previous_hash, next) !== row.hash) throw new RewriteChangesHashError(streamId, rewrite.revision);
          this.rewriteStatements.update.run(data, metadata, streamId, rewrite.revision);
        }
      })
      .immediate();
    await emptyWal(this.db);
  }

  async findIdempotency(scope: string, key: string): Promise<IdempotencyRecord | undefined> {
    this.assertOpen();
    const row = this.statements.findIdempotency.get(scope, key);
    return row && toIdempotencyRecord(row);
  }

  /** Checkpoints the WAL back into the file and closes the connection; calling it again does nothing. */
  async close(): Promise<void> {
    if (this.closed) return;
    // Appends already accepted are committed (or refused) before the connection goes.
    await this.batches.drain();
    this.closed = true;
    this.listeners.clear();
    this.commits.stop();
    try {
      await this.writer.close();
      // TRUNCATE waits (up to busy_timeout) for other connections, copies everything back and shrinks
      // the WAL to zero bytes: the file on disk is complete on its own.
      this.db.pragma('wal_checkpoint(TRUNCATE)');
    } finally {
      this.db.close();
    }
  }

  private assertOpen(): void {
    if (this.closed) throw new Error('The event store is closed');
  }
}

/** How many stream revisions a store remembers (it forgets them all past this; they are read again). */
const KNOWN_REVISIONS = 10_000;

/** An append as the writer thread takes it: the events' data and metadata as the JSON text stored. */
function toWriterAppend({ request, follows, followsAFailure }: Batched<AppendRequest>): WriterAppend {
  const { idempotency } = request;
  return {
    streamId: request.streamId,
    expectedRevision: request.expectedRevision,
    events: request.events.map((event) => ({ type: event.type, data: JSON.stringify(event.data), metadata: JSON.stringify(event.metadata) })),
    idempotency: idempotency
      ? { scope: idempotency.scope, key: idempotency.key, fingerprint: idempotency.fingerprint, status: idempotency.status, body: JSON.stringify(idempotency.body) }
      : null,
    follows: follows ?? null,
    followsAFailure,
  };
}

function positiveInteger(value: number, name: string): number {
  if (!Number.isSafeInteger(value) || value <= 0) {
    throw new RangeError(`${name} must be a positive whole number, not ${value}`);
  }
  return value;
}
