import type { Hash } from './hashes';

/**
 * What proofs need of a tree: its size and the hash of any complete subtree in it. Complete subtree
 * (level, index) is the root over leaves [index·2^level, (index+1)·2^level); every hash of RFC 9162's
 * proofs is one of those or a combination of a few (see range-hash.ts), so a store of complete
 * subtrees answers proofs for every tree size up to its own without reading the log again.
 */
export interface TreeHashes {
  readonly size: number;
  completeSubtree(level: number, index: number): Hash;
}
