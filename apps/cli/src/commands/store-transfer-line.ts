import { chainHash, type StoredEvent } from '@story-tracker/event-store';

/**
 * One line of `export --all`: a stored event as every store keeps it, less its global position (each
 * store gives its own). Content and previous hash are exactly what the chain hash covers, so a line
 * proves itself: `hash` must be the chain hash of the rest.
 */
export interface StoreTransferLine {
  readonly streamId: string;
  readonly revision: number;
  readonly type: string;
  readonly data: unknown;
  readonly metadata: Readonly<Record<string, unknown>>;
  readonly hash: string;
  readonly previousHash: string;
}

export function toTransferLine({ streamId, revision, type, data, metadata, hash, previousHash }: StoredEvent): StoreTransferLine {
  return { streamId, revision, type, data, metadata, hash, previousHash };
}

/** The line read back, or why it cannot be imported. */
export function parseTransferLine(text: string): StoreTransferLine | string {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    return 'not JSON';
  }
  if (value === null || typeof value !== 'object' || Array.isArray(value)) return 'not an object';
  const line = value as Record<string, unknown>;
  if (typeof line['streamId'] !== 'string' || line['streamId'] === '') return 'no streamId';
  if (!Number.isSafeInteger(line['revision']) || (line['revision'] as number) < 1) return 'no revision from 1';
  if (typeof line['type'] !== 'string' || line['type'] === '') return 'no type';
  if (!('data' in line)) return 'no data';
  if (line['metadata'] === null || typeof line['metadata'] !== 'object' || Array.isArray(line['metadata'])) return 'no metadata object';
  if (typeof line['hash'] !== 'string' || typeof line['previousHash'] !== 'string') return 'no hash or previousHash';
  const parsed = line as unknown as StoreTransferLine;
  if (chainHash(parsed.previousHash, parsed) !== parsed.hash) return 'its hash is not the chain hash of its content (changed since it was exported?)';
  return parsed;
}
