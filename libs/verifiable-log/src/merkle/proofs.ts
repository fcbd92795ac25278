import type { Hash } from './hashes';
import { rangeHash, splitPoint } from './range-hash';
import type { TreeHashes } from './tree-hashes';

/**
 * RFC 9162 §2.1.3.1 PATH(m, D[n]): the hashes that take leaf `index` to the root of the tree's first
 * `size` leaves, leaf-side first. The recursion of the RFC, walked down from the root with the range
 * it is in, then reversed (the RFC appends on the way back up).
 */
export function inclusionProof(tree: TreeHashes, index: number, size: number): Hash[] {
  if (!(size >= 1 && size <= tree.size)) throw new RangeError(`No tree of size ${size} (the log holds ${tree.size})`);
  if (!(index >= 0 && index < size)) throw new RangeError(`No leaf ${index} in a tree of size ${size}`);
  const path: Hash[] = [];
  let start = 0;
  let end = size;
  while (end - start > 1) {
    const k = splitPoint(end - start);
    if (index - start < k) {
      path.push(rangeHash(tree, start + k, end));
      end = start + k;
    } else {
      path.push(rangeHash(tree, start, start + k));
      start += k;
    }
  }
  return path.reverse();
}

/**
 * RFC 9162 §2.1.4.1 PROOF(m, D[n]) = SUBPROOF(m, D[n], true): the hashes that show the tree of size
 * `from` is a prefix of the tree of size `to`. Empty when from = 0 or from = to.
 */
export function consistencyProof(tree: TreeHashes, from: number, to: number): Hash[] {
  if (!(to >= 0 && to <= tree.size)) throw new RangeError(`No tree of size ${to} (the log holds ${tree.size})`);
  if (!(from >= 0 && from <= to)) throw new RangeError(`No consistency proof from ${from} to ${to}`);
  if (from === 0 || from === to) return [];
  const proof: Hash[] = [];
  let start = 0;
  let end = to;
  let m = from;
  // `whole`: the RFC's b, true while the subtree being walked is the old tree's own root.
  let whole = true;
  for (;;) {
    if (m === end - start) {
      if (!whole) proof.push(rangeHash(tree, start, end));
      break;
    }
    const k = splitPoint(end - start);
    if (m <= k) {
      proof.push(rangeHash(tree, start + k, end));
      end = start + k;
    } else {
      proof.push(rangeHash(tree, start, start + k));
      start += k;
      m -= k;
      whole = false;
    }
  }
  return proof.reverse();
}
