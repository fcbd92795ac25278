import { WrongExpectedRevisionError } from './event-store.errors';
import type { ExpectedRevision, IdempotencyRecord, NewEvent } from './event-store.port';
import { CURRENT_HASH_SCHEME, saltLeaves } from './chain/commitments';
import { chainHash } from './hash-chain';

/**
 * What every adapter does the same way when it appends: check the expected revision, turn the
 * caller's values into the JSON that is stored, and link the new events into the stream's hash chain.
 * Adapters only decide where the rows go and how the write is made atomic.
 */

/** A new event with its place in its stream and its link in the chain, before it gets a position. */
export interface SealedEvent {
  readonly revision: number;
  readonly type: string;
  readonly data: unknown;
  readonly metadata: Readonly<Record<string, unknown>>;
  readonly hash: string;
  readonly previousHash: string;
}

/** Refuses arguments no adapter could store, before anything is read or locked. */
export function assertAppendArguments(
  streamId: string,
  events: readonly NewEvent[],
  expectedRevision: ExpectedRevision,
): void {
  if (typeof streamId !== 'string' || streamId.length === 0) {
    throw new TypeError('A stream id must be a non-empty string');
  }
  if (!Array.isArray(events)) throw new TypeError('Events must be an array');
  if (expectedRevision !== 'any' && !(Number.isSafeInteger(expectedRevision) && expectedRevision >= 0)) {
    throw new RangeError(`Expected revision must be 'any' or a whole number >= 0, not ${expectedRevision}`);
  }
}

export function assertExpectedRevision(
  streamId: string,
  expectedRevision: ExpectedRevision,
  actualRevision: number,
): void {
  if (expectedRevision !== 'any' && expectedRevision !== actualRevision) {
    throw new WrongExpectedRevisionError(streamId, expectedRevision, actualRevision);
  }
}

/**
 * The value as it will be read back: the JSON round trip. Hashing this (not the caller's value) keeps
 * the chain verifiable from what is stored: a Date becomes its string, undefined properties vanish,
 * and -0 becomes 0 both in the row and in the hash. It also gives adapters a private copy.
 */
export function toStoredJson(value: unknown, what: string): unknown {
  const text = JSON.stringify(value);
  if (text === undefined) throw new TypeError(`${what} cannot be written as JSON`);
  return JSON.parse(text);
}

function toStoredMetadata(metadata: unknown): Readonly<Record<string, unknown>> {
  const stored = toStoredJson(metadata, 'Event metadata');
  if (stored === null || typeof stored !== 'object' || Array.isArray(stored)) {
    throw new TypeError('Event metadata must be a JSON object');
  }
  return stored as Record<string, unknown>;
}

declare const storable: unique symbol;

/**
 * A new event as it will be stored: its type checked, its data and metadata through the JSON round
 * trip once (a private copy, and what the hash covers), and, unless it was imported as recorded,
 * its commitments added. What `sealEvents` takes: made once per append, when it is submitted.
 */
export type StorableEvent = NewEvent & { readonly [storable]: true };

/**
 * The event as it will be stored. Under hash scheme 2 (the default) its metadata gets the scheme and a
 * fresh salt for every leaf of the data (see chain/commitments.ts); 'as-recorded' keeps what it
 * carries (an import of events sealed before).
 */
export function toStorableEvent(event: NewEvent, sealing: 'commitments' | 'as-recorded' = 'commitments'): StorableEvent {
  if (typeof event?.type !== 'string' || event.type.length === 0) {
    throw new TypeError('An event type must be a non-empty string');
  }
  const data = toStoredJson(event.data, 'Event data');
  const metadata = toStoredMetadata(event.metadata);
  const stored = sealing === 'as-recorded' ? { type: event.type, data, metadata } : { type: event.type, data, metadata: { ...metadata, hashScheme: CURRENT_HASH_SCHEME, salts: saltLeaves(data) } };
  return stored as StorableEvent;
}

/** Gives each new event its revision and hash, following the stream's current head. */
export function sealEvents(
  streamId: string,
  events: readonly StorableEvent[],
  currentRevision: number,
  headHash: string,
): SealedEvent[] {
  let previousHash = headHash;
  return events.map((event, index) => {
    const content = { streamId, revision: currentRevision + index + 1, type: event.type, data: event.data, metadata: event.metadata };
    const hash = chainHash(previousHash, content);
    const sealed: SealedEvent = { ...content, hash, previousHash };
    previousHash = hash;
    return sealed;
  });
}

/** The idempotency record as it will be kept and read back. */
export function toStoredIdempotency(record: IdempotencyRecord): IdempotencyRecord {
  if (typeof record.scope !== 'string' || typeof record.key !== 'string' || record.key.length === 0) {
    throw new TypeError('An idempotency record needs a scope and a non-empty key');
  }
  if (!Number.isInteger(record.status)) throw new TypeError('An idempotency status must be an integer');
  return {
    scope: record.scope,
    key: record.key,
    fingerprint: String(record.fingerprint),
    status: record.status,
    body: toStoredJson(record.body ?? null, 'Idempotency body'),
  };
}

/** What a refusal names as the revision an append expected: its own, or for 'any' the head it met. */
export function expectedOrSeen(request: { readonly expectedRevision: ExpectedRevision }, seen: number): number {
  return request.expectedRevision === 'any' ? seen : request.expectedRevision;
}
