import Database from 'better-sqlite3';
import {
  assertAppendArguments,
  assertExpectedRevision,
  sealEvents,
  toStoredIdempotency,
} from '../append-rules';
import { IdempotencyKeyTakenError } from '../event-store.errors';
import type {
  AppendOptions,
  AppendResult,
  EventStore,
  IdempotencyRecord,
  NewEvent,
  RevisionRange,
  StoredEvent,
  Unsubscribe,
} from '../event-store.port';
import { GENESIS_HASH } from '../hash-chain';
import { AppendListeners } from '../notify-listeners';
import { translateConstraintError } from './sqlite-errors';
import { configureConnection, migrate } from './sqlite-schema';
import {
  prepareStatements,
  toIdempotencyRecord,
  toStoredEvent,
  type SqliteStatements,
} from './sqlite-statements';
import { CommitWatcher } from './commit-watcher';
import { WalCheckpointer } from './wal-checkpointer';

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
 * The embedded, durable event store: one SQLite file in WAL mode, one connection per instance.
 * Several instances (or processes) may share a file; every append takes the write lock before it
 * reads the stream's head, so they take turns and a stale writer always gets a conflict.
 */
export class SqliteEventStore implements EventStore {
  private readonly statements: SqliteStatements;
  private readonly checkpointer: WalCheckpointer;
  private readonly commits: CommitWatcher;
  private readonly listeners = new AppendListeners();
  private readonly readPageSize: number;
  private closed = false;

  static open(options: SqliteEventStoreOptions): SqliteEventStore {
    const db = new Database(options.file);
    try {
      configureConnection(db, options.busyTimeoutMs ?? 5000);
      migrate(db);
      return new SqliteEventStore(db, options);
    } catch (error) {
      db.close();
      throw error;
    }
  }

  private constructor(
    private readonly db: Database.Database,
    options: SqliteEventStoreOptions,
  ) {
    this.statements = prepareStatements(db);
    this.readPageSize = positiveInteger(options.readPageSize ?? 500, 'readPageSize');
    this.commits = new CommitWatcher(db, positiveInteger(options.followIntervalMs ?? 100, 'followIntervalMs'));
    this.checkpointer = new WalCheckpointer(
      db,
      positiveInteger(options.checkpointIntervalMs ?? 1000, 'checkpointIntervalMs'),
    );
  }

  async append(streamId: string, events: readonly NewEvent[], options: AppendOptions): Promise<AppendResult> {
    this.assertOpen();
    const { expectedRevision } = options;
    assertAppendArguments(streamId, events, expectedRevision);
    const idempotency = options.idempotency && toStoredIdempotency(options.idempotency);
    let revisionSeen: number | undefined;

    const write = this.db.transaction(() => {
      // The key is checked before the revision: a retried request that lost the race should learn
      // that its answer is kept, not that the stream moved on.
      if (idempotency && this.statements.findIdempotency.get(idempotency.scope, idempotency.key)) {
        throw new IdempotencyKeyTakenError(idempotency.scope, idempotency.key);
      }
      const head = this.statements.streamHead.get(streamId);
      revisionSeen = head?.revision ?? 0;
      assertExpectedRevision(streamId, expectedRevision, revisionSeen);
      const sealed = sealEvents(streamId, events, revisionSeen, head?.hash ?? GENESIS_HASH);
      const stored = sealed.map((event): StoredEvent => {
        const { lastInsertRowid } = this.statements.insertEvent.run(
          streamId,
          event.revision,
          event.type,
          JSON.stringify(event.data),
          JSON.stringify(event.metadata),
          event.hash,
          event.previousHash,
        );
        return { streamId, ...event, globalPosition: Number(lastInsertRowid) };
      });
      if (idempotency) {
        this.statements.insertIdempotency.run(
          idempotency.scope,
          idempotency.key,
          idempotency.fingerprint,
          idempotency.status,
          JSON.stringify(idempotency.body),
          stored.length > 0 ? streamId : null,
        );
      }
      return stored;
    });

    let stored: StoredEvent[];
    try {
      // IMMEDIATE: take the write lock before reading the head, so no other connection can commit
      // between this read and these inserts (a deferred transaction would fail with SQLITE_BUSY
      // when it tried to upgrade, instead of waiting its turn).
      stored = write.immediate();
    } catch (error) {
      throw translateConstraintError(error, {
        streamId,
        expectedRevision,
        idempotency,
        revisionSeen,
        actualRevision: () => this.statements.streamHead.get(streamId)?.revision ?? 0,
      });
    }

    this.listeners.notify(stored);
    return {
      nextRevision: (revisionSeen ?? 0) + stored.length,
      positions: stored.map((event) => event.globalPosition),
    };
  }

  /**
   * Reads page by page with a short query each time rather than one `.iterate()` cursor: while a
   * cursor is open better-sqlite3 refuses every other statement on the connection, so a consumer
   * that appends while it reads (or a slow one that lets other requests run) would break.
   */
  async *readStream(streamId: string, range: RevisionRange = {}): AsyncIterable<StoredEvent> {
    this.assertOpen();
    let from = Math.max(range.fromRevision ?? 1, 1);
    const to = range.toRevision ?? Number.MAX_SAFE_INTEGER;
    while (from <= to) {
      this.assertOpen();
      const rows = this.statements.streamPage.all(streamId, from, to, this.readPageSize);
      for (const row of rows) yield toStoredEvent(row);
      if (rows.length < this.readPageSize) return;
      from = rows[rows.length - 1]!.revision + 1;
    }
  }

  async streamRevision(streamId: string): Promise<number> {
    this.assertOpen();
    return this.statements.streamRevision.get(streamId) ?? 0;
  }

  async readAll(afterPosition: number, limit: number): Promise<StoredEvent[]> {
    this.assertOpen();
    if (limit <= 0) return [];
    return this.statements.allAfter.all(afterPosition, Math.trunc(limit)).map(toStoredEvent);
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

  onCommitted(listener: () => void): Unsubscribe {
    return this.listeners.committed(listener, (wake) => this.commits.watch(wake));
  }

  async findIdempotency(scope: string, key: string): Promise<IdempotencyRecord | undefined> {
    this.assertOpen();
    const row = this.statements.findIdempotency.get(scope, key);
    return row && toIdempotencyRecord(row);
  }

  /** Checkpoints the WAL back into the file and closes the connection; calling it again does nothing. */
  async close(): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    this.listeners.clear();
    this.commits.stop();
    try {
      this.checkpointer.stop();
    } finally {
      this.db.close();
    }
  }

  private assertOpen(): void {
    if (this.closed) throw new Error('The event store is closed');
  }
}

function positiveInteger(value: number, name: string): number {
  if (!Number.isSafeInteger(value) || value <= 0) {
    throw new RangeError(`${name} must be a positive whole number, not ${value}`);
  }
  return value;
}
