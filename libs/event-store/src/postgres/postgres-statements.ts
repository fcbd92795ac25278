import type { SealedEvent } from '../append-rules';
import type { EncodedStoredEvent, IdempotencyRecord, StoredEvent } from '../event-store.port';
import { fixedStatement } from './fixed-statement';
import type { InlineValue } from './inline-values';

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

/** Every append's transaction starts so: durable whatever the server's default. */
export const BEGIN_DURABLE = 'BEGIN; SET LOCAL synchronous_commit = on';

export const STREAM_PAGE = fixedStatement(
  'stream-page',
  `SELECT ${EVENT_COLUMNS} FROM events
  WHERE stream_id = $1 AND revision >= $2::bigint AND revision <= $3::bigint
  ORDER BY revision LIMIT $4`,
);

export const STREAM_REVISION = fixedStatement('stream-revision', 'SELECT revision FROM events WHERE stream_id = $1 ORDER BY revision DESC LIMIT 1');

export const ALL_AFTER = fixedStatement('log-after', `SELECT ${EVENT_COLUMNS} FROM events WHERE global_position > $1 ORDER BY global_position LIMIT $2`);

/** ALL_AFTER with data and metadata as the JSON text kept (json columns keep it exactly), not parsed. */
export const ALL_AFTER_ENCODED = fixedStatement(
  'log-after-encoded',
  `SELECT global_position, stream_id, revision, type, data::text AS data, metadata::text AS metadata, hash, previous_hash
  FROM events WHERE global_position > $1 ORDER BY global_position LIMIT $2`,
);

export const ALL_BEFORE = fixedStatement('log-before', `SELECT ${EVENT_COLUMNS} FROM events WHERE global_position < $1 ORDER BY global_position DESC LIMIT $2`);

export const HEAD_POSITION = fixedStatement('log-head', 'SELECT position::text AS position FROM event_log_head');

export const FIND_IDEMPOTENCY = fixedStatement('idempotency-key', 'SELECT scope, key, fingerprint, status, body FROM idempotency_keys WHERE scope = $1 AND key = $2');

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

export function toEncodedStoredEvent(row: EventRow): EncodedStoredEvent {
  return {
    streamId: row.stream_id,
    revision: row.revision,
    globalPosition: Number(row.global_position),
    type: row.type,
    data: row.data as string,
    metadata: row.metadata as string,
    hash: row.hash,
    previousHash: row.previous_hash,
  };
}

export function toIdempotencyRecord(row: IdempotencyRow): IdempotencyRecord {
  return { scope: row.scope, key: row.key, fingerprint: row.fingerprint, status: row.status, body: row.body };
}

/** A batch's first step: every stream's lock, then heads and kept keys (see event_store_lock_streams). */
export const LOCK_BATCH_STREAMS = 'SELECT stream_id, revision, hash, taken_scope, taken_key FROM event_store_lock_streams($1::text[], $2::text[], $3::text[])';

export interface LockBatchRow {
  stream_id: string | null;
  revision: number | null;
  hash: string | null;
  taken_scope: string | null;
  taken_key: string | null;
}

/**
 * The appends of a batch that passed their checks, in one statement: as WRITE_APPEND, for events of
 * several streams (in the batch's order, so positions follow it) and several idempotency records.
 */
export const WRITE_BATCH = `
  WITH head AS (
    UPDATE event_log_head SET position = position + $1::integer RETURNING position
  ), new_events AS (
    INSERT INTO events (${EVENT_COLUMNS})
    SELECT head.position - $1::integer + e.ordinal, e.stream_id, e.revision, e.type, e.data, e.metadata, e.hash, e.previous_hash
    FROM head, unnest($2::text[], $3::integer[], $4::text[], $5::json[], $6::json[], $7::text[], $8::text[])
      WITH ORDINALITY AS e(stream_id, revision, type, data, metadata, hash, previous_hash, ordinal)
    RETURNING global_position
  ), kept AS (
    INSERT INTO idempotency_keys (scope, key, fingerprint, status, body, stream_id)
    SELECT * FROM unnest($9::text[], $10::text[], $11::text[], $12::integer[], $13::json[], $14::text[])
    RETURNING 1
  ), woken AS (
    SELECT pg_notify($15, head.position::text) FROM head WHERE $1::integer > 0
  )
  SELECT head.position::text AS position, (SELECT count(*) FROM woken) AS woken, (SELECT count(*) FROM kept) AS kept FROM head`;

/** One append of a batch, checked and sealed, ready to be written. */
export interface StagedAppend {
  readonly streamId: string;
  readonly sealed: readonly SealedEvent[];
  readonly idempotency: IdempotencyRecord | undefined;
}

export function writeBatchValues(staged: readonly StagedAppend[], channel: string): InlineValue[] {
  const events = staged.flatMap(({ streamId, sealed }) => sealed.map((event) => ({ streamId, event })));
  const kept = staged.filter((append) => append.idempotency !== undefined);
  return [
    events.length,
    events.map(({ streamId }) => streamId),
    events.map(({ event }) => event.revision),
    events.map(({ event }) => event.type),
    events.map(({ event }) => JSON.stringify(event.data)),
    events.map(({ event }) => JSON.stringify(event.metadata)),
    events.map(({ event }) => event.hash),
    events.map(({ event }) => event.previousHash),
    kept.map(({ idempotency }) => idempotency!.scope),
    kept.map(({ idempotency }) => idempotency!.key),
    kept.map(({ idempotency }) => idempotency!.fingerprint),
    kept.map(({ idempotency }) => idempotency!.status),
    kept.map(({ idempotency }) => JSON.stringify(idempotency!.body)),
    kept.map(({ streamId, sealed }) => (sealed.length > 0 ? streamId : null)),
    channel,
  ];
}

export function lockBatchValues(requests: readonly { streamId: string; idempotency?: IdempotencyRecord | undefined }[]): InlineValue[] {
  const keyed = requests.flatMap(({ idempotency }) => (idempotency ? [idempotency] : []));
  return [[...new Set(requests.map(({ streamId }) => streamId))], keyed.map(({ scope }) => scope), keyed.map(({ key }) => key)];
}

/**
 * A whole batch in one statement, its own transaction, when the instance believes it knows every
 * stream's head: the appends sealed on those heads, checked and written under the streams' locks
 * (event_store_append_sealed). Prepared: the events travel as parameters, not parsed as SQL text.
 */
export const APPEND_SEALED = fixedStatement(
  'append-sealed',
  `SELECT outcome, head_revision, head_hash, first_position::text AS first_position
  FROM event_store_append_sealed($1::text[], $2::integer[], $3::text[], $4::integer[], $5::integer[],
    $6::text[], $7::text[], $8::text[], $9::integer[], $10::json[],
    $11::integer[], $12::text[], $13::json[], $14::json[], $15::text[], $16::text[], $17::text, $18::text)`,
);

export interface AppendSealedRow {
  outcome: 'ok' | 'stale' | 'key-taken' | 'followed';
  head_revision: number;
  head_hash: string;
  /** bigint as text; NULL unless 'ok' with events. */
  first_position: string | null;
}

/** An append sealed on the head believed, and which earlier append it was decided on (see GroupCommit). */
export interface SealedOnBelief extends StagedAppend {
  readonly prevRevision: number;
  readonly prevHash: string;
  /** 1-based index in the batch of the append it follows, 0 for one of an earlier batch that failed, or null. */
  readonly follows: number | null;
}

export function appendSealedValues(appends: readonly SealedOnBelief[], genesisHash: string, channel: string): unknown[] {
  const events = appends.flatMap(({ sealed }) => sealed);
  const key = <T>(pick: (record: IdempotencyRecord) => T) => appends.map(({ idempotency }) => (idempotency ? pick(idempotency) : null));
  return [
    appends.map(({ streamId }) => streamId),
    appends.map(({ prevRevision }) => prevRevision),
    appends.map(({ prevHash }) => prevHash),
    appends.map(({ follows }) => follows),
    appends.map(({ sealed }) => sealed.length),
    key(({ scope }) => scope),
    key(({ key }) => key),
    key(({ fingerprint }) => fingerprint),
    key(({ status }) => status),
    key(({ body }) => JSON.stringify(body)),
    events.map((event) => event.revision),
    events.map((event) => event.type),
    events.map((event) => JSON.stringify(event.data)),
    events.map((event) => JSON.stringify(event.metadata)),
    events.map((event) => event.hash),
    events.map((event) => event.previousHash),
    genesisHash,
    channel,
  ];
}
