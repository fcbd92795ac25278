import { createHash } from 'node:crypto';
import canonicalize from 'canonicalize';
import type { StoredEvent } from './event-store.port';

/**
 * The hash chain that makes a stream's history tamper-evident: each event's hash covers its own
 * content and the previous event's hash, so changing, removing or reordering any stored event breaks
 * every link after it.
 */

/** The previous hash of a stream's first event. */
export const GENESIS_HASH = '0'.repeat(64);

/** What one link of the chain covers. The global position is left out on purpose: it is assigned by
 * the store at commit time and a stream's history must verify on its own, whichever store holds it. */
export interface ChainedContent {
  readonly streamId: string;
  readonly revision: number;
  readonly type: string;
  readonly data: unknown;
  readonly metadata: Readonly<Record<string, unknown>>;
}

/** SHA-256 (hex) of the RFC 8785 canonical JSON of the content, followed by the previous hash. */
export function chainHash(previousHash: string, content: ChainedContent): string {
  const { streamId, revision, type, data, metadata } = content;
  // Canonical JSON (sorted keys, fixed number form) so the hash does not depend on key order or on
  // how a store happens to serialise the JSON it keeps.
  const canonical = canonicalize({ streamId, revision, type, data, metadata });
  if (canonical === undefined) {
    throw new TypeError('Event content cannot be written as JSON');
  }
  return createHash('sha256').update(canonical + previousHash, 'utf8').digest('hex');
}

/** The hash a stored event should carry, given its content and the previous hash it claims. */
export function expectedHash(event: StoredEvent): string {
  return chainHash(event.previousHash, event);
}

export type ChainBreak = 'revision-gap' | 'broken-link' | 'hash-mismatch';

export type ChainVerdict =
  | { readonly intact: true; readonly checked: number; readonly lastHash: string }
  | {
      readonly intact: false;
      readonly checked: number;
      /** Revision of the first event that does not fit the chain. */
      readonly revision: number;
      readonly problem: ChainBreak;
    };

/**
 * Walks a stream from its first event and reports the first event that does not fit: a missing or
 * repeated revision, a previous hash that is not the prior event's hash, or a hash that does not match
 * the event's content. Streams are read once, in constant memory.
 */
export async function verifyChain(
  events: AsyncIterable<StoredEvent> | Iterable<StoredEvent>,
): Promise<ChainVerdict> {
  let checked = 0;
  let previousHash = GENESIS_HASH;
  for await (const event of events) {
    const problem = findBreak(event, checked + 1, previousHash);
    if (problem) return { intact: false, checked, revision: event.revision, problem };
    checked += 1;
    previousHash = event.hash;
  }
  return { intact: true, checked, lastHash: previousHash };
}

function findBreak(event: StoredEvent, revision: number, previousHash: string): ChainBreak | undefined {
  if (event.revision !== revision) return 'revision-gap';
  if (event.previousHash !== previousHash) return 'broken-link';
  if (event.hash !== expectedHash(event)) return 'hash-mismatch';
  return undefined;
}
