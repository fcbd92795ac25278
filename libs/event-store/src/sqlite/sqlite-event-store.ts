import Database from 'better-sqlite3';
import { expectedOrSeen, sealEvents, type SealedEvent } from '../append-rules';
import { BelievedHeads } from '../believed-heads';
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
import { chainHash, GENESIS_HASH } from '../hash-chain';
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
  /** Heads of the streams this store appended to lately: what the next append is sealed on. */
  private readonly heads = new BelievedHeads();
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
    // thread's connection too, see sqlite-writer.worker.js).
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
   * One batch: sealed here on the heads this store knows, checked and written by the writer thread
   * in one transaction (a savepoint each), then the listeners, in order. An append whose head had
   * moved (another process wrote) is refused when its expected revision no longer holds, and
   * otherwise sealed again on the head found and sent once more.
   */
  private async commitBatch(batch: readonly Batched<AppendRequest>[]): Promise<BatchOutcome<AppendResult>[]> {
    const outcomes: (BatchOutcome<AppendResult> | undefined)[] = new Array<BatchOutcome<AppendResult> | undefined>(batch.length);
    let pending = batch.map((_, index) => index);
    for (let round = 1; pending.length > 0; round++) {
      const sent: { index: number; head: { revision: number; hash: string }; sealed: SealedEvent[] }[] = [];
      const appends: WriterAppend[] = [];
      /** Per stream, the heads this round leads to (revision → hash), from the first one it builds on. */
      const planned = new Map<string, Map<number, string>>();
      for (const index of pending) {
        const { request, follows, followsAFailure } = batch[index]!;
        const chain = planned.get(request.streamId) ?? new Map<number, string>();
        let head: { revision: number; hash: string };
        let sealed: SealedEvent[];
        try {
          head = this.sealedOn(request, chain);
        } catch (error) {
          // The key before the revision: a retried request that lost the race should learn that its
          // answer is kept, not that the stream moved on.
          const { idempotency } = request;
          const kept = idempotency && this.statements.findIdempotency.get(idempotency.scope, idempotency.key);
          outcomes[index] = { ok: false, error: kept ? new IdempotencyKeyTakenError(idempotency.scope, idempotency.key) : error };
          continue;
        }
        try {
          sealed = sealEvents(request.streamId, request.events, head.revision, head.hash);
        } catch (error) {
          outcomes[index] = { ok: false, error };
          continue;
        }
        if (chain.size === 0) planned.set(request.streamId, chain.set(head.revision, head.hash));
        chain.set(head.revision + sealed.length, sealed.at(-1)?.hash ?? head.hash);
        const followsSent = follows === undefined ? -1 : sent.findIndex((entry) => entry.index === follows);
        const earlier = follows === undefined ? undefined : outcomes[follows];
        sent.push({ index, head, sealed });
        appends.push(toWriterAppend(request, head, sealed, followsSent >= 0 ? followsSent : null, followsAFailure || earlier?.ok === false));
      }
      let answers: WriterOutcome[];
      try {
        answers = appends.length > 0 ? await this.writer.commit(appends) : [];
      } catch (error) {
        // The first round fails the batch; a later one only the appends sealed again, the others are committed.
        if (round === 1) throw error;
        for (const { index } of sent) outcomes[index] = { ok: false, error };
        break;
      }
      pending = [];
      answers.forEach((answer, position) => {
        const { index, head, sealed } = sent[position]!;
        const { request } = batch[index]!;
        if (answer.kind === 'stale') {
          this.heads.remember(request.streamId, { revision: answer.revision, hash: answer.hash });
          if ((request.expectedRevision !== 'any' && request.expectedRevision !== answer.revision) || round >= MAX_SEALING_ROUNDS) {
            outcomes[index] = { ok: false, error: new WrongExpectedRevisionError(request.streamId, expectedOrSeen(request, answer.revision), answer.revision) };
          } else {
            pending.push(index);
          }
          return;
        }
        outcomes[index] = this.settle(request, head.revision, sealed, answer);
      });
    }
    return outcomes.map((outcome) => outcome!);
  }

  /** The answer to an append the writer checked, the listeners told of what it stored. */
  private settle(request: AppendRequest, revisionBefore: number, sealed: readonly SealedEvent[], answer: Exclude<WriterOutcome, { kind: 'stale' }>): BatchOutcome<AppendResult> {
    const { streamId, idempotency } = request;
    switch (answer.kind) {
      case 'key-taken':
        return { ok: false, error: new IdempotencyKeyTakenError(idempotency!.scope, idempotency!.key) };
      case 'followed':
        // It was decided on the result of an append that failed (see GroupCommit).
        return { ok: false, error: new WrongExpectedRevisionError(streamId, expectedOrSeen(request, answer.revision), answer.revision) };
      case 'failed':
        return {
          ok: false,
          error: translateConstraintError(writerError(answer.error), {
            streamId,
            expectedRevision: request.expectedRevision,
            idempotency,
            revisionSeen: revisionBefore,
            actualRevision: () => this.statements.streamHead.get(streamId)?.revision ?? 0,
          }),
        };
      case 'ok': {
        const stored = sealed.map((event, index): StoredEvent => ({ streamId, ...event, globalPosition: answer.positions[index]! }));
        const last = stored.at(-1);
        if (last) this.heads.remember(streamId, { revision: last.revision, hash: last.hash });
        this.listeners.notify(stored);
        return { ok: true, result: { nextRevision: revisionBefore + stored.length, positions: answer.positions } };
      }
    }
  }

  /**
   * The head an append is sealed on. With an expected revision, the stream at that revision: from
   * the appends before it in this batch, or the stream's head if it is there; if it is not (read
   * fresh), the append is refused here, since nothing can bring the stream back to it. With 'any',
   * the newest head known. The writer checks it under the lock either way.
   */
  private sealedOn(request: AppendRequest, chain: ReadonlyMap<number, string>): { revision: number; hash: string } {
    const { streamId, expectedRevision } = request;
    if (expectedRevision === 'any') {
      const newest = Math.max(...chain.keys());
      return chain.size > 0 ? { revision: newest, hash: chain.get(newest)! } : this.headOf(streamId);
    }
    const inBatch = chain.get(expectedRevision);
    if (inBatch !== undefined) return { revision: expectedRevision, hash: inBatch };
    let head = this.headOf(streamId);
    if (head.revision !== expectedRevision) {
      this.heads.forget([streamId]);
      head = this.headOf(streamId);
    }
    if (head.revision !== expectedRevision) throw new WrongExpectedRevisionError(streamId, expectedRevision, Math.max(head.revision, ...chain.keys()));
    return head;
  }

  /** The head this store believes a stream has: its own last append, or read from the file. */
  private headOf(streamId: string): { revision: number; hash: string } {
    const known = this.heads.get(streamId);
    if (known) return known;
    const head = this.statements.streamHead.get(streamId);
    return { revision: head?.revision ?? 0, hash: head?.hash ?? GENESIS_HASH };
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

/** Seal again on the head found at most this often before an append's head moving is a conflict. */
const MAX_SEALING_ROUNDS = 20;
/** How many stream revisions a store remembers (it forgets them all past this; they are read again). */
const KNOWN_REVISIONS = 10_000;

function toWriterAppend(
  request: AppendRequest,
  head: { revision: number; hash: string },
  sealed: readonly SealedEvent[],
  follows: number | null,
  followsAFailure: boolean,
): WriterAppend {
  const { idempotency } = request;
  return {
    streamId: request.streamId,
    prevRevision: head.revision,
    prevHash: head.hash,
    genesisHash: GENESIS_HASH,
    events: sealed.map((event) => ({
      revision: event.revision,
      type: event.type,
      data: JSON.stringify(event.data),
      metadata: JSON.stringify(event.metadata),
      hash: event.hash,
      previousHash: event.previousHash,
    })),
    idempotency: idempotency
      ? { scope: idempotency.scope, key: idempotency.key, fingerprint: idempotency.fingerprint, status: idempotency.status, body: JSON.stringify(idempotency.body) }
      : null,
    follows,
    followsAFailure,
  };
}

/** The expected revision a conflict reports: with 'any', the revision the append was sealed on. */
function positiveInteger(value: number, name: string): number {
  if (!Number.isSafeInteger(value) || value <= 0) {
    throw new RangeError(`${name} must be a positive whole number, not ${value}`);
  }
  return value;
}
