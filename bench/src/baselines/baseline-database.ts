import Database from 'better-sqlite3';

/**
 * The baseline's SQLite file: the same row shape as our event store (stream, revision, type, JSON
 * data, JSON metadata, two SHA-256 hex hashes, UNIQUE (stream, revision)) and the same durability
 * and checkpointing: WAL, synchronous=FULL, automatic checkpoint off and a PASSIVE checkpoint every
 * second. Anything less durable would make the baseline faster for a reason that is not overhead.
 * It also holds one table of stored JSON documents for the GET baseline.
 */
export interface BaselineDatabase {
  readonly db: Database.Database;
  close(): void;
}

const CHECKPOINT_INTERVAL_MS = 1000;

export function openBaselineDatabase(file: string): BaselineDatabase {
  const db = new Database(file);
  const mode = db.pragma('journal_mode = WAL', { simple: true });
  if (String(mode).toLowerCase() !== 'wal') throw new Error(`SQLite refused WAL mode (got ${String(mode)})`);
  db.pragma('synchronous = FULL');
  db.pragma('wal_autocheckpoint = 0');
  db.exec(`
    CREATE TABLE events (
      global_position INTEGER PRIMARY KEY AUTOINCREMENT,
      stream_id       TEXT    NOT NULL,
      revision        INTEGER NOT NULL,
      type            TEXT    NOT NULL,
      data            TEXT    NOT NULL,
      metadata        TEXT    NOT NULL,
      hash            TEXT    NOT NULL,
      previous_hash   TEXT    NOT NULL,
      UNIQUE (stream_id, revision)
    );
    CREATE TABLE documents (id TEXT PRIMARY KEY, body TEXT NOT NULL) WITHOUT ROWID;
  `);
  const timer = setInterval(() => {
    try {
      db.pragma('wal_checkpoint(PASSIVE)');
    } catch {
      // A busy database only postpones the checkpoint to the next tick.
    }
  }, CHECKPOINT_INTERVAL_MS);
  timer.unref();
  return {
    db,
    close: () => {
      clearInterval(timer);
      db.pragma('wal_checkpoint(TRUNCATE)');
      db.close();
    },
  };
}
