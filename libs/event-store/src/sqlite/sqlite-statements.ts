import type { Database, Statement } from 'better-sqlite3';
import type { EncodedStoredEvent, IdempotencyRecord, StoredEvent } from '../event-store.port';

/**
 * Every statement the SQLite store runs on its own connection (reads; the writes are the writer
 * thread's, sqlite-writer.thread.ts), prepared once, and the mapping of rows.
 */

export interface EventRow {
  global_position: number;
  stream_id: string;
  revision: number;
  type: string;
  data: string;
  metadata: string;
  hash: string;
  previous_hash: string;
}

export interface IdempotencyRow {
  scope: string;
  key: string;
  fingerprint: string;
  status: number;
  body: string;
}

export interface StreamHead {
  revision: number;
  hash: string;
}

export interface SqliteStatements {
  readonly streamHead: Statement<[string], StreamHead>;
  /** The stream's revision alone, as a plain number (`pluck`): see `prepareStatements`. */
  readonly streamRevision: Statement<[string], number>;
  readonly dataVersion: Statement<[], number>;
  readonly streamPage: Statement<[string, number, number, number], EventRow>;
  readonly allAfter: Statement<[number, number], EventRow>;
  readonly allBefore: Statement<[number, number], EventRow>;
  readonly headPosition: Statement<[], { head: number }>;
  readonly findIdempotency: Statement<[string, string], IdempotencyRow>;
}

const EVENT_COLUMNS =
  'global_position, stream_id, revision, type, data, metadata, hash, previous_hash';

export function prepareStatements(db: Database): SqliteStatements {
  return {
    streamHead: db.prepare(
      'SELECT revision, hash FROM events WHERE stream_id = ? ORDER BY revision DESC LIMIT 1',
    ),
    // Plucked, so no row object is built. Measured with better-sqlite3 13.2: a statement with a bound
    // parameter in its WHERE is re-prepared by SQLite on every run (SQLITE_STMTSTATUS_REPREPARE moves;
    // most likely its planner's use of bound values), and better-sqlite3 then compiles a new
    // row-building function (`Function(...)`) each time: microseconds on every read of a head.
    streamRevision: db.prepare<[string], number>('SELECT revision FROM events WHERE stream_id = ? ORDER BY revision DESC LIMIT 1').pluck(),
    dataVersion: db.prepare<[], number>('PRAGMA data_version').pluck(),
    streamPage: db.prepare(
      `SELECT ${EVENT_COLUMNS} FROM events
       WHERE stream_id = ? AND revision >= ? AND revision <= ?
       ORDER BY revision LIMIT ?`,
    ),
    allAfter: db.prepare(
      `SELECT ${EVENT_COLUMNS} FROM events WHERE global_position > ? ORDER BY global_position LIMIT ?`,
    ),
    allBefore: db.prepare(
      `SELECT ${EVENT_COLUMNS} FROM events WHERE global_position < ? ORDER BY global_position DESC LIMIT ?`,
    ),
    headPosition: db.prepare('SELECT COALESCE(MAX(global_position), 0) AS head FROM events'),
    findIdempotency: db.prepare(
      'SELECT scope, key, fingerprint, status, body FROM idempotency_keys WHERE scope = ? AND key = ?',
    ),
  };
}

export function toStoredEvent(row: EventRow): StoredEvent {
  return {
    streamId: row.stream_id,
    revision: row.revision,
    globalPosition: row.global_position,
    type: row.type,
    data: JSON.parse(row.data),
    metadata: JSON.parse(row.metadata),
    hash: row.hash,
    previousHash: row.previous_hash,
  };
}

export function toEncodedStoredEvent(row: EventRow): EncodedStoredEvent {
  return {
    streamId: row.stream_id,
    revision: row.revision,
    globalPosition: row.global_position,
    type: row.type,
    data: row.data,
    metadata: row.metadata,
    hash: row.hash,
    previousHash: row.previous_hash,
  };
}

export function toIdempotencyRecord(row: IdempotencyRow): IdempotencyRecord {
  return {
    scope: row.scope,
    key: row.key,
    fingerprint: row.fingerprint,
    status: row.status,
    body: JSON.parse(row.body),
  };
}
