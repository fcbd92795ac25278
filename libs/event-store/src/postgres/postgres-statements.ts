import type { SealedEvent } from '../append-rules';
import type { IdempotencyRecord, StoredEvent } from '../event-store.port';

/** Every statement the PostgreSQL store runs, and the mapping of its rows. */

export interface EventRow {
  /** bigint: node-postgres gives it as a string. */
  global_position: string;
  stream_id: string;
  revision: number;
  type: string;
  /** json columns: node-postgres parses them. */
  data: unknown;
  metadata: unknown;
  hash: string;
  previous_hash: string;
}

export interface IdempotencyRow {
  scope: string;
  key: string;
  fingerprint: string;
  status: number;
  body: unknown;
}

const EVENT_COLUMNS = 'global_position, stream_id, revision, type, data, metadata, hash, previous_hash';

/**
 * Takes the log head's row lock and reserves `count` positions (see the store for why this gives
 * commit order). Run as a simple query together with BEGIN, so the lock costs no extra round trip;
 * `count` is a whole number the store checked, never a caller's text.
 */
export function beginAndReservePositions(count: number): string {
  if (!Number.isSafeInteger(count) || count < 0) throw new RangeError(`Cannot reserve ${count} positions`);
  return `BEGIN; SET LOCAL synchronous_commit = on; UPDATE event_log_head SET position = position + ${count} RETURNING position::text AS position`;
}

/** The stream's head and whether the key is kept, read after the lock (so from a fresh snapshot). */
export const STREAM_HEAD_AND_KEY = `
  SELECT (SELECT revision FROM events WHERE stream_id = $1 ORDER BY revision DESC LIMIT 1) AS revision,
         (SELECT hash FROM events WHERE stream_id = $1 ORDER BY revision DESC LIMIT 1) AS hash,
         EXISTS (SELECT 1 FROM idempotency_keys WHERE scope = $2 AND key = $3) AS key_taken`;

/**
 * The events, the idempotency record and the wake-up in one statement. Data-modifying CTEs always run
 * to completion, read or not; NOTIFY is delivered by PostgreSQL only once the transaction commits.
 */
export const WRITE_APPEND = `
  WITH new_events AS (
    INSERT INTO events (${EVENT_COLUMNS})
    SELECT e.global_position, $1, e.revision, e.type, e.data, e.metadata, e.hash, e.previous_hash
    FROM unnest($2::bigint[], $3::integer[], $4::text[], $5::json[], $6::json[], $7::text[], $8::text[])
      AS e(global_position, revision, type, data, metadata, hash, previous_hash)
    RETURNING global_position
  ), kept AS (
    INSERT INTO idempotency_keys (scope, key, fingerprint, status, body, stream_id)
    SELECT $9, $10, $11, $12, $13::json, $14 WHERE $9::text IS NOT NULL
    RETURNING 1
  )
  SELECT pg_notify($15, max(global_position)::text) FROM new_events HAVING count(*) > 0`;

export function writeAppendValues(
  streamId: string,
  firstPosition: number,
  sealed: readonly SealedEvent[],
  idempotency: IdempotencyRecord | undefined,
  channel: string,
): unknown[] {
  return [
    streamId,
    sealed.map((_, index) => String(firstPosition + index)),
    sealed.map((event) => event.revision),
    sealed.map((event) => event.type),
    sealed.map((event) => JSON.stringify(event.data)),
    sealed.map((event) => JSON.stringify(event.metadata)),
    sealed.map((event) => event.hash),
    sealed.map((event) => event.previousHash),
    idempotency?.scope ?? null,
    idempotency?.key ?? null,
    idempotency?.fingerprint ?? null,
    idempotency?.status ?? null,
    idempotency ? JSON.stringify(idempotency.body) : null,
    idempotency && sealed.length > 0 ? streamId : null,
    channel,
  ];
}

export const STREAM_PAGE = `
  SELECT ${EVENT_COLUMNS} FROM events
  WHERE stream_id = $1 AND revision >= $2::bigint AND revision <= $3::bigint
  ORDER BY revision LIMIT $4`;

export const STREAM_REVISION = 'SELECT revision FROM events WHERE stream_id = $1 ORDER BY revision DESC LIMIT 1';

export const ALL_AFTER = `SELECT ${EVENT_COLUMNS} FROM events WHERE global_position > $1 ORDER BY global_position LIMIT $2`;

export const ALL_BEFORE = `SELECT ${EVENT_COLUMNS} FROM events WHERE global_position < $1 ORDER BY global_position DESC LIMIT $2`;

export const HEAD_POSITION = 'SELECT position::text AS position FROM event_log_head';

export const FIND_IDEMPOTENCY = 'SELECT scope, key, fingerprint, status, body FROM idempotency_keys WHERE scope = $1 AND key = $2';

export function toStoredEvent(row: EventRow): StoredEvent {
  return {
    streamId: row.stream_id,
    revision: row.revision,
    globalPosition: Number(row.global_position),
    type: row.type,
    data: row.data,
    metadata: row.metadata as Record<string, unknown>,
    hash: row.hash,
    previousHash: row.previous_hash,
  };
}

export function toIdempotencyRecord(row: IdempotencyRow): IdempotencyRecord {
  return { scope: row.scope, key: row.key, fingerprint: row.fingerprint, status: row.status, body: row.body };
}
