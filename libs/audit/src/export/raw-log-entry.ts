import { hashSchemeOf, HASH_SCHEME_COMMITMENTS, type Salts, type StoredEvent } from '@story-tracker/event-store';

/**
 * One event of the raw log, as `GET /stories/{id}/events` and `export` give it: flat, every key
 * always present, in this order. A metadata field the event does not carry is `null` (never left
 * out), so every line of an export has the same shape. `schemaVersion` is `null` for events written
 * before versioning (the domain reads those as version 1). `data` is exactly as stored, before any
 * upcasting, so the export shows what the hash chain covers.
 */
export interface RawLogEntry {
  readonly revision: number;
  readonly globalPosition: number;
  /** The event's leaf in the verifiable log: `globalPosition - 1` (leaves count from 0, positions from 1). */
  readonly logIndex: number;
  readonly type: string;
  readonly data: unknown;
  readonly actor: string | null;
  readonly recordedAt: string | null;
  /** When the development happened in the world: `data.occurredAt`, where the event has one. */
  readonly occurredAt: string | null;
  readonly editSummary: string | null;
  readonly correlationId: string | null;
  readonly causationId: string | null;
  readonly idempotencyKey: string | null;
  readonly schemaVersion: number | null;
  readonly hash: string;
  readonly previousHash: string;
  /** 1: the hash covers the values themselves; 2: each value through a salted commitment (redactable). */
  readonly hashScheme: number;
  /**
   * Under scheme 2, by JSON Pointer into `data`: each value's salt (base64), or for a redacted value its
   * commitment, `{ "redacted": "<SHA-256 hex of salt ‖ canonical value>" }`: whoever kept the value and
   * its salt can show they match it. `null` under scheme 1.
   */
  readonly salts: Salts | null;
}

export function toRawLogEntry(stored: StoredEvent): RawLogEntry {
  const { metadata } = stored;
  return {
    revision: stored.revision,
    globalPosition: stored.globalPosition,
    logIndex: stored.globalPosition - 1,
    type: stored.type,
    data: stored.data,
    actor: text(metadata['actor']),
    recordedAt: text(metadata['recordedAt']),
    occurredAt: text(isRecord(stored.data) ? stored.data['occurredAt'] : undefined),
    editSummary: text(metadata['editSummary']),
    correlationId: text(metadata['correlationId']),
    causationId: text(metadata['causationId']),
    idempotencyKey: text(metadata['idempotencyKey']),
    schemaVersion: typeof metadata['schemaVersion'] === 'number' ? metadata['schemaVersion'] : null,
    hash: stored.hash,
    previousHash: stored.previousHash,
    hashScheme: hashSchemeOf(metadata),
    salts: hashSchemeOf(metadata) === HASH_SCHEME_COMMITMENTS ? ((metadata['salts'] as Salts | undefined) ?? null) : null,
  };
}

/**
 * Absent (or null) is null. The app only writes strings here; anything else found in a stored event
 * is shown as its JSON text rather than hidden, since a raw log must not drop what the store holds.
 */
function text(value: unknown): string | null {
  if (value === undefined || value === null) return null;
  return typeof value === 'string' ? value : JSON.stringify(value);
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
