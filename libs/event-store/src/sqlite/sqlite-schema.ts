import BetterSqlite3, { type Database } from 'better-sqlite3';
import { enableWalMode } from './wal-mode';

/**
 * The SQLite file's layout and how a connection is set up. The schema version lives in
 * `PRAGMA user_version`, so a file knows which layout it holds without a table of its own.
 */

export const SCHEMA_VERSION = 4;

/** Statements that take an empty file (version 0) to each version; index i leads to version i + 1. */
const MIGRATIONS: readonly string[] = [
  `
  CREATE TABLE IF NOT EXISTS events (
    global_position INTEGER PRIMARY KEY AUTOINCREMENT,
    stream_id       TEXT    NOT NULL,
    revision        INTEGER NOT NULL CHECK (revision >= 1),
    type            TEXT    NOT NULL,
    data            TEXT    NOT NULL,
    metadata        TEXT    NOT NULL,
    hash            TEXT    NOT NULL,
    previous_hash   TEXT    NOT NULL,
    -- The last line of defence against lost updates: whatever a writer believed, two events can
    -- never take the same place in a stream. Its index also serves every stream read.
    UNIQUE (stream_id, revision)
  );
  CREATE TABLE IF NOT EXISTS idempotency_keys (
    scope       TEXT    NOT NULL,
    key         TEXT    NOT NULL,
    fingerprint TEXT    NOT NULL,
    status      INTEGER NOT NULL,
    body        TEXT    NOT NULL,
    -- The stream the keyed request wrote to, for audits; NULL when it appended nothing.
    stream_id   TEXT,
    PRIMARY KEY (scope, key)
  ) WITHOUT ROWID;
  `,
  // 2: persistent snapshots of folded story state (a cache: deleting rows, or the table's contents,
  // loses nothing but the time to fold again). A rowid table, not WITHOUT ROWID: states are large.
  `
  CREATE TABLE IF NOT EXISTS snapshots (
    stream_id    TEXT    NOT NULL,
    code_version TEXT    NOT NULL,
    revision     INTEGER NOT NULL CHECK (revision >= 1),
    event_hash   TEXT    NOT NULL,
    recorded_at  REAL    NOT NULL,
    state        BLOB,
    UNIQUE (stream_id, code_version, revision)
  );
  `,
  // 3: the webhook outbox (see SqliteWebhookOutbox): one row per alert to deliver, and its attempts.
  // Times are milliseconds since the epoch. No payload: the alert is read again at each attempt.
  `
  CREATE TABLE IF NOT EXISTS webhook_deliveries (
    alert_id         TEXT    PRIMARY KEY,
    watch_id         TEXT    NOT NULL,
    url              TEXT    NOT NULL,
    state            TEXT    NOT NULL CHECK (state IN ('pending', 'delivered', 'failed', 'cancelled')),
    attempts         INTEGER NOT NULL CHECK (attempts >= 0),
    enqueued_at      INTEGER NOT NULL,
    first_attempt_at INTEGER,
    next_attempt_at  INTEGER NOT NULL,
    lease_token      TEXT,
    lease_until      INTEGER,
    finished_at      INTEGER
  ) WITHOUT ROWID;
  CREATE INDEX IF NOT EXISTS webhook_deliveries_due ON webhook_deliveries (next_attempt_at) WHERE state = 'pending';
  CREATE INDEX IF NOT EXISTS webhook_deliveries_by_watch ON webhook_deliveries (watch_id, state);
  CREATE INDEX IF NOT EXISTS webhook_deliveries_finished ON webhook_deliveries (finished_at) WHERE state <> 'pending';
  CREATE TABLE IF NOT EXISTS webhook_attempts (
    alert_id TEXT    NOT NULL,
    attempt  INTEGER NOT NULL CHECK (attempt >= 1),
    watch_id TEXT    NOT NULL,
    at       INTEGER NOT NULL,
    status   INTEGER,
    error    TEXT,
    PRIMARY KEY (alert_id, attempt)
  ) WITHOUT ROWID;
  CREATE INDEX IF NOT EXISTS webhook_attempts_by_watch ON webhook_attempts (watch_id, at);
  `,
  // 4: a large snapshot state is kept in pieces, each written in a transaction of its own (see
  // SqliteSnapshotStore): one 10 MB row held the event loop for 20 to 35 ms. `pieces` is their number
  // once all are written; a state is either in `state` or in pieces.
  `
  ALTER TABLE snapshots ADD COLUMN pieces INTEGER;
  CREATE TABLE IF NOT EXISTS snapshot_pieces (
    stream_id    TEXT    NOT NULL,
    code_version TEXT    NOT NULL,
    revision     INTEGER NOT NULL,
    piece        INTEGER NOT NULL CHECK (piece >= 0),
    bytes        BLOB    NOT NULL,
    UNIQUE (stream_id, code_version, revision, piece)
  );
  `,
];

/**
 * Connection settings. WAL lets readers run beside the writer; synchronous=FULL makes an append
 * durable once it resolves; busy_timeout makes a second connection wait for the write lock instead
 * of failing at once. The automatic checkpoint is switched off because it runs inside whichever
 * commit crosses the threshold and shows up in p99; the store's writer thread checkpoints on a timer
 * instead, between batches.
 */
export function configureConnection(db: Database, busyTimeoutMs: number): void {
  db.pragma(`busy_timeout = ${Math.trunc(busyTimeoutMs)}`);
  enableWalMode(db, busyTimeoutMs);
  db.pragma('synchronous = FULL');
  db.pragma('foreign_keys = ON');
  db.pragma('wal_autocheckpoint = 0');
}

/** Brings the file to SCHEMA_VERSION; safe to run from several connections at once. */
export function migrate(db: Database): void {
  // IMMEDIATE takes the write lock before reading the version, so two processes opening a new file
  // together cannot both run the same migration.
  db.transaction(() => {
    const version = Number(db.pragma('user_version', { simple: true }));
    if (version > SCHEMA_VERSION) {
      throw new Error(
        `${db.name} holds schema version ${version}; this build knows up to ${SCHEMA_VERSION}`,
      );
    }
    for (let next = version; next < SCHEMA_VERSION; next++) {
      db.exec(MIGRATIONS[next]!);
    }
    if (version !== SCHEMA_VERSION) db.pragma(`user_version = ${SCHEMA_VERSION}`);
  }).immediate();
}

/** Brings an events.sqlite file's layout up to date without opening a store on it (tools, the bench). */
export function migrateSqliteFile(file: string): void {
  const db = new BetterSqlite3(file);
  try {
    migrate(db);
  } finally {
    db.close();
  }
}
