import { EMPTY_TREE_ROOT, nodeHash, type Hash } from './hashes';

/**
 * The root of a tree read leaf by leaf, in O(log n) memory: the roots of the perfect subtrees the
 * leaves so far make (one per bit of the count, largest first), folded from the right when asked.
 */
export class StreamingRoot {
  private readonly peaks: { readonly height: number; readonly hash: Hash }[] = [];
  private count = 0;

  get size(): number {
    return this.count;
  }

  add(leaf: Hash): void {
    let hash = leaf;
    let height = 0;
    while (this.peaks.length > 0 && this.peaks[this.peaks.length - 1]!.height === height) {
      hash = nodeHash(this.peaks.pop()!.hash, hash);
      height += 1;
    }
    this.peaks.push({ height, hash });
    this.count += 1;
  }

  root(): Hash {
    if (this.peaks.length === 0) return EMPTY_TREE_ROOT;
    let hash = this.peaks[this.peaks.length - 1]!.hash;
    for (let i = this.peaks.length - 2; i >= 0; i -= 1) hash = nodeHash(this.peaks[i]!.hash, hash);
    return hash;
  }
}
