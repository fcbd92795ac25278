import { createHash } from 'node:crypto';

/**
 * RFC 9162 §2.1 written again, for the tests only, from the RFC's text: the recursive definitions
 * MTH (§2.1.1), PATH (§2.1.3.1) and PROOF/SUBPROOF (§2.1.4.1), and the two verification algorithms
 * step by step (§2.1.3.2, §2.1.4.2). Nothing is imported from the production code or copied from it
 * (only SHA-256 from node:crypto), so a test that compares the two compares the code with the RFC,
 * not with itself. Its own correctness is pinned by published vectors (rfc9162-reference.unit.spec.ts).
 *
 * Names follow the RFC: D[n] is the list of n entries d(0)…d(n-1); D[a:b] the entries a to b-1; k the
 * largest power of two smaller than n. A range of the list stands for D[a:b] instead of a copy.
 */

/** HASH(x): SHA-256 over the concatenation of its parts. */
function HASH(...parts: readonly Buffer[]): Buffer {
  const hash = createHash('sha256');
  for (const part of parts) hash.update(part);
  return hash.digest();
}

const LEAF = Buffer.from([0x00]);
const NODE = Buffer.from([0x01]);

/** The leaf hash of an entry: HASH(0x00 || d). */
export function referenceLeafHash(entry: Buffer): Buffer {
  return HASH(LEAF, entry);
}

/** An interior node: HASH(0x01 || left || right). */
export function referenceNodeHash(left: Buffer, right: Buffer): Buffer {
  return HASH(NODE, left, right);
}

/** "k be the largest power of two smaller than n (i.e., k < n <= 2k)"; n ≥ 2. */
export function largestPowerOfTwoBelow(n: number): number {
  if (!(Number.isSafeInteger(n) && n >= 2)) throw new RangeError(`k is defined for n > 1, not ${n}`);
  let k = 1;
  while (2 * k < n) k *= 2;
  return k;
}

/**
 * A list of entries D[n] with the RFC's functions over it. MTH of a range is remembered once computed:
 * the tests ask for the same subtrees many times (and for trees of 70,000 leaves); remembering a value
 * changes no definition.
 */
export class ReferenceTree {
  private readonly remembered = new Map<string, Buffer>();

  constructor(readonly entries: readonly Buffer[]) {}

  get size(): number {
    return this.entries.length;
  }

  /**
   * §2.1.1: MTH({}) = HASH(); MTH({d(0)}) = HASH(0x00 || d(0));
   * MTH(D[n]) = HASH(0x01 || MTH(D[0:k]) || MTH(D[k:n])) for n > 1.
   */
  mth(start = 0, end = this.size): Buffer {
    this.checkRange(start, end);
    const n = end - start;
    if (n === 0) return HASH();
    if (n === 1) return HASH(LEAF, this.entries[start]!);
    const key = `${start}:${end}`;
    const known = this.remembered.get(key);
    if (known) return known;
    const k = largestPowerOfTwoBelow(n);
    const hash = HASH(NODE, this.mth(start, start + k), this.mth(start + k, end));
    this.remembered.set(key, hash);
    return hash;
  }

  /** The root of the first `size` entries: MTH(D[0:size]). */
  root(size = this.size): Buffer {
    return this.mth(0, size);
  }

  /** §2.1.3.1 PATH(m, D[n]) of the tree of the first `n` entries. */
  path(m: number, n = this.size): Buffer[] {
    if (!(m >= 0 && m < n)) throw new RangeError(`PATH(${m}, D[${n}]) is not defined`);
    return this.pathOf(m, 0, n);
  }

  /** §2.1.4.1 PROOF(m, D[n]) = SUBPROOF(m, D[n], true), for 0 < m ≤ n. */
  proof(m: number, n = this.size): Buffer[] {
    if (!(m > 0 && m <= n)) throw new RangeError(`PROOF(${m}, D[${n}]) is defined for 0 < m <= n`);
    return this.subproof(m, 0, n, true);
  }

  /**
   * PATH(0, {d(0)}) = {};
   * PATH(m, D[n]) = PATH(m, D[0:k]) : MTH(D[k:n]) for m < k;
   * PATH(m, D[n]) = PATH(m - k, D[k:n]) : MTH(D[0:k]) for m >= k.
   */
  private pathOf(m: number, start: number, end: number): Buffer[] {
    const n = end - start;
    if (n === 1) return [];
    const k = largestPowerOfTwoBelow(n);
    if (m < k) return [...this.pathOf(m, start, start + k), this.mth(start + k, end)];
    return [...this.pathOf(m - k, start + k, end), this.mth(start, start + k)];
  }

  /**
   * SUBPROOF(m, D[m], true) = {}; SUBPROOF(m, D[m], false) = {MTH(D[m])};
   * for m < n: SUBPROOF(m, D[n], b) = SUBPROOF(m, D[0:k], b) : MTH(D[k:n]) if m <= k,
   *            SUBPROOF(m, D[n], b) = SUBPROOF(m - k, D[k:n], false) : MTH(D[0:k]) if m > k.
   */
  private subproof(m: number, start: number, end: number, b: boolean): Buffer[] {
    const n = end - start;
    if (m === n) return b ? [] : [this.mth(start, end)];
    const k = largestPowerOfTwoBelow(n);
    if (m <= k) return [...this.subproof(m, start, start + k, b), this.mth(start + k, end)];
    return [...this.subproof(m - k, start + k, end, false), this.mth(start, start + k)];
  }

  private checkRange(start: number, end: number): void {
    if (!(start >= 0 && start <= end && end <= this.size)) throw new RangeError(`D[${start}:${end}] is not in a list of ${this.size}`);
  }
}

/** The algorithms below shift with `>>`: the tests stay far below 2^31. */
function assertSmall(...values: number[]): void {
  for (const value of values) if (!(Number.isInteger(value) && value >= 0 && value < 2 ** 31)) throw new RangeError(`The reference verifiers take sizes below 2^31, not ${value}`);
}

const LSB = (x: number): boolean => (x & 1) === 1;

/** §2.1.3.2, step by step: whether `inclusionPath` takes `hash` (a leaf hash) at `leafIndex` to `rootHash`. */
export function referenceVerifyInclusion(hash: Buffer, leafIndex: number, treeSize: number, inclusionPath: readonly Buffer[], rootHash: Buffer): boolean {
  assertSmall(leafIndex, treeSize);
  // 1. If leaf_index is greater than or equal to tree_size, then fail the proof verification.
  if (leafIndex >= treeSize) return false;
  // 2. Set fn to leaf_index and sn to tree_size - 1.
  let fn = leafIndex;
  let sn = treeSize - 1;
  // 3. Set r to hash.
  let r = hash;
  // 4. For each value p in the inclusion_path array:
  for (const p of inclusionPath) {
    // a. If sn is 0, then stop the iteration and fail the proof verification.
    if (sn === 0) return false;
    // b. If LSB(fn) is set, or if fn is equal to sn, then:
    if (LSB(fn) || fn === sn) {
      // i. Set r to HASH(0x01 || p || r).
      r = HASH(NODE, p, r);
      // ii. If LSB(fn) is not set, then right-shift both fn and sn equally until either LSB(fn) is set or fn is 0.
      if (!LSB(fn)) {
        while (!LSB(fn) && fn !== 0) {
          fn >>= 1;
          sn >>= 1;
        }
      }
    } else {
      // Otherwise: i. Set r to HASH(0x01 || r || p).
      r = HASH(NODE, r, p);
    }
    // c. Finally, right-shift both fn and sn one time.
    fn >>= 1;
    sn >>= 1;
  }
  // 5. If sn is equal to 0 and r and the root_hash are equal, the log has proven the inclusion of hash.
  return sn === 0 && r.equals(rootHash);
}

/**
 * §2.1.4.2, step by step, for 0 < first < second (the RFC's algorithm has nothing to check otherwise:
 * PROOF(m, D[m]) is empty, and a tree of size 0 is a prefix of every tree).
 */
export function referenceVerifyConsistency(first: number, second: number, consistencyPath: readonly Buffer[], firstHash: Buffer, secondHash: Buffer): boolean {
  assertSmall(first, second);
  if (!(first > 0 && first < second)) throw new RangeError(`The algorithm of §2.1.4.2 is for 0 < first < second, not ${first} and ${second}`);
  // 1. If consistency_path is an empty array, stop and fail the proof verification.
  if (consistencyPath.length === 0) return false;
  // 2. If first is an exact power of 2, then prepend first_hash to the consistency_path array.
  const path = (first & (first - 1)) === 0 ? [firstHash, ...consistencyPath] : [...consistencyPath];
  // 3. Set fn to first - 1 and sn to second - 1.
  let fn = first - 1;
  let sn = second - 1;
  // 4. If LSB(fn) is set, then right-shift both fn and sn equally until LSB(fn) is not set.
  while (LSB(fn)) {
    fn >>= 1;
    sn >>= 1;
  }
  // 5. Set both fr and sr to the first value in the consistency_path array.
  let fr = path[0]!;
  let sr = path[0]!;
  // 6. For each subsequent value c in the consistency_path array:
  for (const c of path.slice(1)) {
    // a. If sn is 0, then stop the iteration and fail the proof verification.
    if (sn === 0) return false;
    // b. If LSB(fn) is set, or if fn is equal to sn, then:
    if (LSB(fn) || fn === sn) {
      // i. Set fr to HASH(0x01 || c || fr).  ii. Set sr to HASH(0x01 || c || sr).
      fr = HASH(NODE, c, fr);
      sr = HASH(NODE, c, sr);
      // iii. If LSB(fn) is not set, then right-shift both fn and sn equally until either LSB(fn) is set or fn is 0.
      if (!LSB(fn)) {
        while (!LSB(fn) && fn !== 0) {
          fn >>= 1;
          sn >>= 1;
        }
      }
    } else {
      // Otherwise: i. Set sr to HASH(0x01 || sr || c).
      sr = HASH(NODE, sr, c);
    }
    // c. Finally, right-shift both fn and sn one time.
    fn >>= 1;
    sn >>= 1;
  }
  // 7. Verify that fr equals first_hash, sr equals second_hash, and sn is 0.
  return fr.equals(firstHash) && sr.equals(secondHash) && sn === 0;
}
