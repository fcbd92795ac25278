import { EMPTY_TREE_ROOT, nodeHash, type Hash } from './hashes';
import type { TreeHashes } from './tree-hashes';

/** The largest power of two smaller than n (n ≥ 2): RFC 9162's k, where a range splits. */
export function splitPoint(n: number): number {
  let k = 1;
  while (k * 2 < n) k *= 2;
  return k;
}

/**
 * MTH(D[start:end]) (RFC 9162 §2.1.1): the hash of that range of leaves, built from complete subtrees.
 * A range that is a complete subtree (a power-of-two length, aligned to it) is one lookup; any other
 * splits where the RFC splits it.
 */
export function rangeHash(tree: TreeHashes, start: number, end: number): Hash {
  if (end > tree.size || start < 0 || start > end) throw new RangeError(`No range [${start}, ${end}) in a tree of ${tree.size}`);
  const length = end - start;
  if (length === 0) return EMPTY_TREE_ROOT;
  if (isPowerOfTwo(length) && start % length === 0) return tree.completeSubtree(Math.log2(length), start / length);
  const k = splitPoint(length);
  return nodeHash(rangeHash(tree, start, start + k), rangeHash(tree, start + k, end));
}

/** The root of the tree's first `size` leaves. */
export function rootHash(tree: TreeHashes, size: number = tree.size): Hash {
  return rangeHash(tree, 0, size);
}

function isPowerOfTwo(n: number): boolean {
  // Sizes go past 2^31, where bitwise operators stop working.
  return n > 0 && 2 ** Math.round(Math.log2(n)) === n;
}
