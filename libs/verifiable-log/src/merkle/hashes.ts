import { hash } from 'node:crypto';

/**
 * The two hashes of RFC 9162 §2.1.1 (the Certificate Transparency tree), with SHA-256. The prefixes
 * keep a leaf from ever being taken for a node (a second-preimage attack on the tree).
 */
export type Hash = Buffer;

export const HASH_BYTES = 32;

const LEAF_PREFIX = Buffer.from([0x00]);
const NODE_PREFIX = Buffer.from([0x01]);

/** MTH({}) = SHA-256 of nothing: the root of the empty tree. */
export const EMPTY_TREE_ROOT: Hash = hash('sha256', Buffer.alloc(0), 'buffer');

/** SHA-256(0x00 ‖ entry). The log's entry is the 32 bytes of an event's chain hash. */
export function leafHash(entry: Buffer): Hash {
  return hash('sha256', Buffer.concat([LEAF_PREFIX, entry], 1 + entry.length), 'buffer');
}

/** SHA-256(0x01 ‖ left ‖ right). */
export function nodeHash(left: Hash, right: Hash): Hash {
  return hash('sha256', Buffer.concat([NODE_PREFIX, left, right], 1 + 2 * HASH_BYTES), 'buffer');
}

/** The leaf of an event: its chain hash (64 hex digits) decoded. Anything else is refused, not hashed. */
export function eventLeafHash(eventHashHex: string): Hash {
  if (!/^[0-9a-f]{64}$/.test(eventHashHex)) throw new Error(`An event hash must be 64 lowercase hex digits, got ${JSON.stringify(eventHashHex.slice(0, 80))}`);
  return leafHash(Buffer.from(eventHashHex, 'hex'));
}
