import { randomUUID } from 'node:crypto';
import type { EventData } from '@kurrent/kurrentdb-client';
import type { SealedEvent } from '../append-rules';
import type { IdempotencyRecord, StoredEvent } from '../event-store.port';

/**
 * How a stored event looks in KurrentDB. The event's `data` is the port's data as JSON, its `type`
 * the port's type. KurrentDB's multi-stream append (25.1+) takes metadata only as a flat object of
 * string values, so the port's metadata (actor, recordedAt, editSummary, correlationId, causationId,
 * schemaVersion, idempotencyKey… whatever the caller put there, nested or not) travels whole, as JSON
 * text, under one key, together with what the store itself adds: the stream id and revision as the
 * port knows them (without the namespace), the dense global position, and the hash chain link.
 *
 *   metadata = {
 *     "story-tracker": '{"v":1,"streamId":…,"revision":…,"globalPosition":…,"hash":…,"previousHash":…,"metadata":{…}}',
 *     "$correlationId": …, "$causationId": …   (copies, when the port's metadata has them as strings)
 *   }
 *
 * The `$correlationId` / `$causationId` copies are KurrentDB's own names, so its `$by_correlation_id`
 * projection and UI understand our events; they are written, never read back (the envelope is the
 * truth), so the port's metadata round-trips exactly and the hash, computed over it, verifies.
 */
export const ENVELOPE_KEY = 'story-tracker';
const ENVELOPE_VERSION = 1;
export const IDEMPOTENCY_EVENT_TYPE = 'IdempotencyKeyKept';

interface Envelope {
  readonly v: number;
  readonly streamId: string;
  readonly revision: number;
  readonly globalPosition: number;
  readonly hash: string;
  readonly previousHash: string;
  readonly metadata: Readonly<Record<string, unknown>>;
}

/** What a read gives back, reduced to what decoding needs (KurrentDB's RecordedEvent fits). */
export interface RecordedKurrentEvent {
  readonly streamId: string;
  readonly revision: bigint;
  readonly type: string;
  readonly data: unknown;
  readonly metadata: unknown;
}

/** The KurrentDB event for a sealed event at its global position. */
export function encodeEvent(streamId: string, event: SealedEvent, globalPosition: number): EventData {
  const envelope: Envelope = {
    v: ENVELOPE_VERSION,
    streamId,
    revision: event.revision,
    globalPosition,
    hash: event.hash,
    previousHash: event.previousHash,
    metadata: event.metadata,
  };
  const metadata: Record<string, string> = { [ENVELOPE_KEY]: JSON.stringify(envelope) };
  const { correlationId, causationId } = event.metadata;
  if (typeof correlationId === 'string') metadata['$correlationId'] = correlationId;
  if (typeof causationId === 'string') metadata['$causationId'] = causationId;
  return { id: randomUUID(), contentType: 'application/json', type: event.type, data: event.data as never, metadata };
}

/**
 * The stored event in a KurrentDB event, from a story stream or from the log (whose entries carry the
 * same envelope). Refuses an event that is not ours or disagrees with where it was found.
 */
export function decodeEvent(recorded: RecordedKurrentEvent, expected: { readonly revision?: number; readonly globalPosition?: number } = {}): StoredEvent {
  const envelope = readEnvelope(recorded);
  if (expected.revision !== undefined && envelope.revision !== expected.revision) {
    throw new Error(`Event ${recorded.streamId}@${recorded.revision} says it is revision ${envelope.revision}, not ${expected.revision}`);
  }
  if (expected.globalPosition !== undefined && envelope.globalPosition !== expected.globalPosition) {
    throw new Error(`Log entry ${recorded.revision} says it is position ${envelope.globalPosition}, not ${expected.globalPosition}`);
  }
  return {
    streamId: envelope.streamId,
    revision: envelope.revision,
    globalPosition: envelope.globalPosition,
    type: recorded.type,
    data: jsonValue(recorded.data),
    metadata: envelope.metadata,
    hash: envelope.hash,
    previousHash: envelope.previousHash,
  };
}

export function encodeIdempotency(record: IdempotencyRecord): EventData {
  return { id: randomUUID(), contentType: 'application/json', type: IDEMPOTENCY_EVENT_TYPE, data: { ...record } as never, metadata: {} };
}

export function decodeIdempotency(recorded: RecordedKurrentEvent): IdempotencyRecord {
  const value = jsonValue(recorded.data) as Partial<IdempotencyRecord> | null;
  if (recorded.type !== IDEMPOTENCY_EVENT_TYPE || value === null || typeof value !== 'object' || typeof value.key !== 'string' || typeof value.scope !== 'string') {
    throw new Error(`${recorded.streamId} does not hold an idempotency record`);
  }
  return {
    scope: value.scope,
    key: value.key,
    fingerprint: String(value.fingerprint),
    status: Number(value.status),
    body: value.body ?? null,
  };
}

function readEnvelope(recorded: RecordedKurrentEvent): Envelope {
  const metadata = jsonValue(recorded.metadata) as Record<string, unknown> | null;
  const text = metadata && typeof metadata === 'object' ? metadata[ENVELOPE_KEY] : undefined;
  if (typeof text !== 'string') throw new Error(`Event ${recorded.streamId}@${recorded.revision} was not written by this store (no ${ENVELOPE_KEY} metadata)`);
  const envelope = JSON.parse(text) as Envelope;
  if (envelope.v !== ENVELOPE_VERSION) throw new Error(`Event ${recorded.streamId}@${recorded.revision} has envelope version ${envelope.v}; this build reads ${ENVELOPE_VERSION}`);
  return envelope;
}

/** JSON as the client hands it back: already parsed, or bytes when the server did not flag it as JSON. */
function jsonValue(value: unknown): unknown {
  if (value instanceof Uint8Array) return value.length === 0 ? null : JSON.parse(Buffer.from(value).toString('utf8'));
  return value;
}
