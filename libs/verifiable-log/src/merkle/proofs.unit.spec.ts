import { EMPTY_TREE_ROOT, LogTree, MemoryTileStore, consistencyProof, eventLeafHash, inclusionProof, leafHash, nodeHash, rangeHash, rootHash, type TreeHashes } from '@story-tracker/verifiable-log';
import { hex, logEntries } from '../testing/log-entries';
import { ReferenceTree, referenceLeafHash, referenceNodeHash, referenceVerifyConsistency, referenceVerifyInclusion } from '../testing/rfc9162-reference';

// Every proof the production code gives for trees of up to 64 leaves, compared hash for hash with the
// RFC's recursive definitions (testing/rfc9162-reference.ts) and checked by the RFC's verifiers.
const MAX = 64;
const entries = logEntries(MAX);
const reference = new ReferenceTree(entries);

/** The trees a proof of size n may come from: one grown leaf by leaf to n, the same reopened from its tiles, one bigger. */
function treesOfSize(n: number, full: LogTree): [string, TreeHashes][] {
  const store = new MemoryTileStore();
  const grown = new LogTree(store);
  for (const entry of entries.slice(0, n)) grown.append([leafHash(entry)]);
  return [
    [`grown leaf by leaf to ${n}`, grown],
    ['reopened from its tiles', new LogTree(store, n)],
    [`of ${MAX} leaves, asked about size ${n}`, full],
  ];
}

describe('the hashes (RFC 9162 §2.1.1)', () => {
  it('are the RFC leaf and node hashes, with the empty tree SHA-256 of nothing', () => {
    const [a, b] = entries as [Buffer, Buffer];
    expect(leafHash(a)).toEqual(referenceLeafHash(a));
    expect(nodeHash(a, b)).toEqual(referenceNodeHash(a, b));
    expect(EMPTY_TREE_ROOT).toEqual(reference.mth(0, 0));
  });

  it("make an event's leaf from the 32 bytes of its hex hash, and refuse anything else", () => {
    const eventHash = hex(entries[7]!);
    expect(eventLeafHash(eventHash)).toEqual(referenceLeafHash(entries[7]!));
    for (const bad of [eventHash.toUpperCase(), eventHash.slice(2), `${eventHash}00`, `${eventHash.slice(1)}g`, '']) expect(() => eventLeafHash(bad)).toThrow(/64 lowercase hex/);
  });
});

describe('proofs of the production tree, for every size up to 64', () => {
  const full = new LogTree(new MemoryTileStore());
  full.append(entries.map(leafHash));

  for (let n = 1; n <= MAX; n += 1) {
    it(`size ${n}: rootHash is MTH(D[${n}]), and every PATH and PROOF is the RFC's, whichever tree answers`, () => {
      const root = reference.root(n);
      // Each entry is an answer that differs from the RFC's: one list, one assertion, a readable failure.
      const differences: string[] = [];
      const same = (what: string, actual: readonly Buffer[], expected: readonly Buffer[]) => {
        if (actual.map(hex).join() !== expected.map(hex).join()) differences.push(`${what}: [${actual.map(hex).join(', ')}] instead of [${expected.map(hex).join(', ')}]`);
      };
      for (const [which, tree] of treesOfSize(n, full)) {
        same(`${which}: rootHash(tree, ${n})`, [rootHash(tree, n)], [root]);
        if (tree.size === n) same(`${which}: rootHash(tree)`, [rootHash(tree)], [root]);
        for (let index = 0; index < n; index += 1) {
          const proof = inclusionProof(tree, index, n);
          same(`${which}: inclusionProof(${index}, ${n})`, proof, reference.path(index, n));
          if (!referenceVerifyInclusion(referenceLeafHash(entries[index]!), index, n, proof, root)) differences.push(`${which}: inclusionProof(${index}, ${n}) fails the RFC verifier`);
        }
        for (let m = 0; m <= n; m += 1) {
          const proof = consistencyProof(tree, m, n);
          same(`${which}: consistencyProof(${m}, ${n})`, proof, m === 0 ? [] : reference.proof(m, n));
          if (m > 0 && m < n && !referenceVerifyConsistency(m, n, proof, reference.root(m), root)) differences.push(`${which}: consistencyProof(${m}, ${n}) fails the RFC verifier`);
        }
      }
      expect(differences).toEqual([]);
    });
  }

  it('hashes any range as MTH(D[a:b])', () => {
    for (let start = 0; start <= MAX; start += 1) {
      for (let end = start; end <= MAX; end += 1) expect(hex(rangeHash(full, start, end))).toBe(hex(reference.mth(start, end)));
    }
  });

  it('refuses proofs for sizes or leaves the tree does not hold', () => {
    const tree = new LogTree(new MemoryTileStore());
    tree.append(entries.slice(0, 10).map(leafHash));
    expect(() => inclusionProof(tree, 0, 11)).toThrow(RangeError);
    expect(() => inclusionProof(tree, 0, 0)).toThrow(RangeError);
    expect(() => inclusionProof(tree, 10, 10)).toThrow(RangeError);
    expect(() => inclusionProof(tree, -1, 10)).toThrow(RangeError);
    expect(() => consistencyProof(tree, 3, 11)).toThrow(RangeError);
    expect(() => consistencyProof(tree, 4, 3)).toThrow(RangeError);
    expect(() => consistencyProof(tree, -1, 3)).toThrow(RangeError);
    expect(() => rangeHash(tree, 5, 11)).toThrow(RangeError);
    expect(() => tree.completeSubtree(0, 10)).toThrow(RangeError);
    expect(() => tree.completeSubtree(3, 1)).toThrow(RangeError);
  });
});
