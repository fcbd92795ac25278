import { EMPTY_TREE_ROOT, verifyConsistency, verifyInclusion } from '@story-tracker/verifiable-log';
import { logEntries, unhex } from '../testing/log-entries';
import { ReferenceTree, referenceLeafHash, referenceVerifyConsistency, referenceVerifyInclusion } from '../testing/rfc9162-reference';
import { tamperedProofs } from '../testing/tampered-proofs';

// The production verifiers, fed proofs made by the RFC's definitions (not by the production prover):
// every true proof is accepted, every tampered one refused, and where a changed size or index is
// not plainly wrong, the verdict is the RFC algorithm's.
const MAX = 64;
const entries = logEntries(MAX);
const reference = new ReferenceTree(entries);
const leaves = entries.map(referenceLeafHash);

describe('verifyInclusion (RFC 9162 §2.1.3.2)', () => {
  for (let n = 1; n <= MAX; n += 1) {
    it(`accepts every PATH(i, D[${n}]) and refuses it tampered, at another index or against another root`, () => {
      const root = reference.root(n);
      // Each entry is a verdict that should have been the other: one list, one assertion, a readable failure.
      const wrong: string[] = [];
      const expectVerdict = (what: string, verified: boolean, expected: boolean) => verified !== expected && wrong.push(`${what}: ${verified}`);
      for (let index = 0; index < n; index += 1) {
        const path = reference.path(index, n);
        const leaf = leaves[index]!;
        expectVerdict(`PATH(${index}) itself`, verifyInclusion(leaf, index, n, path, root), true);
        for (const { what, proof } of tamperedProofs(path, [root, leaf])) expectVerdict(`PATH(${index}), ${what}`, verifyInclusion(leaf, index, n, proof, root), false);
        for (const other of [index - 1, index + 1, index ^ 2, n, -1]) expectVerdict(`PATH(${index}) at index ${other}`, verifyInclusion(leaf, other, n, path, root), false);
        for (const [name, wrongRoot] of [['root of n - 1', reference.root(n - 1)], ['empty root', EMPTY_TREE_ROOT], ['leaf', leaf], ['zeros', Buffer.alloc(32)]] as const) {
          if (!wrongRoot.equals(root)) expectVerdict(`PATH(${index}) against the ${name}`, verifyInclusion(leaf, index, n, path, wrongRoot), false);
        }
        expectVerdict(`PATH(${index}) with the next leaf`, verifyInclusion(leaves[(index + 1) % MAX]!, index, n, path, root), false);
        expectVerdict(`PATH(${index}) with the entry, not its leaf hash`, verifyInclusion(entries[index]!, index, n, path, root), false);

        // A doubled size always adds a level, so it is plainly wrong. An inclusion proof alone does not
        // fix the size (the signed checkpoint does): a neighbouring size whose tree has the same
        // shape along this leaf's path checks as the RFC's algorithm says it does.
        expectVerdict(`PATH(${index}) with size ${2 * n}`, verifyInclusion(leaf, index, 2 * n, path, root), false);
        for (const size of [n - 1, n + 1, Math.floor(n / 2)]) {
          if (size >= 1) expectVerdict(`PATH(${index}) with size ${size}`, verifyInclusion(leaf, index, size, path, root), index < size && referenceVerifyInclusion(leaf, index, size, path, root));
        }
      }
      expect(wrong).toEqual([]);
    });
  }

  it('refuses a size of 0 and an index outside the tree whatever the proof', () => {
    expect(verifyInclusion(leaves[0]!, 0, 0, [], EMPTY_TREE_ROOT)).toBe(false);
    expect(verifyInclusion(leaves[0]!, 0, 0, [], leaves[0]!)).toBe(false);
    expect(verifyInclusion(leaves[0]!, 1, 1, [], leaves[0]!)).toBe(false);
    expect(verifyInclusion(leaves[0]!, 0, 1, [], leaves[0]!)).toBe(true);
  });

  it('refuses a proof longer than any tree of safe-integer size could need', () => {
    const path = reference.path(0, 2);
    expect(verifyInclusion(leaves[0]!, 0, 2, [...path, ...Array.from({ length: 64 }, () => Buffer.alloc(32))], reference.root(2))).toBe(false);
  });
});

describe('verifyConsistency (RFC 9162 §2.1.4.2)', () => {
  for (let n = 2; n <= MAX; n += 1) {
    it(`accepts every PROOF(m, D[${n}]) and refuses it tampered, with other sizes or other roots`, () => {
      const root = reference.root(n);
      const wrong: string[] = [];
      const expectVerdict = (what: string, verified: boolean, expected: boolean) => verified !== expected && wrong.push(`${what}: ${verified}`);
      for (let m = 1; m < n; m += 1) {
        const proof = reference.proof(m, n);
        const old = reference.root(m);
        expectVerdict(`PROOF(${m}) itself`, verifyConsistency(m, n, proof, old, root), true);
        for (const { what, proof: tampered } of tamperedProofs(proof, [old, root])) expectVerdict(`PROOF(${m}), ${what}`, verifyConsistency(m, n, tampered, old, root), false);
        expectVerdict(`PROOF(${m}) emptied`, verifyConsistency(m, n, [], old, root), false);
        expectVerdict(`PROOF(${m}) with the roots swapped`, verifyConsistency(m, n, proof, root, old), false);
        expectVerdict(`PROOF(${m}) with the sizes swapped`, verifyConsistency(n, m, proof, root, old), false);
        expectVerdict(`PROOF(${m}) with the old root of m + 1`, verifyConsistency(m, n, proof, reference.root(m + 1), root), false);
        expectVerdict(`PROOF(${m}) with the new root of n - 1`, verifyConsistency(m, n, proof, old, reference.root(n - 1)), false);
        expectVerdict(`PROOF(${m}) with a new root of zeros`, verifyConsistency(m, n, proof, old, Buffer.alloc(32)), false);

        // Another old size, or a new size with a level more, is plainly wrong. As with inclusion, the
        // proof alone does not fix the new size (its signed checkpoint does): a neighbouring new size
        // may check, exactly where the RFC's algorithm says it does.
        for (const from of [m - 1, m + 1, m ^ 2]) expectVerdict(`PROOF(${m}) as from ${from}`, verifyConsistency(from, n, proof, old, root), false);
        expectVerdict(`PROOF(${m}) to ${2 * n}`, verifyConsistency(m, 2 * n, proof, old, root), false);
        for (const to of [n - 1, n + 1]) expectVerdict(`PROOF(${m}) to ${to}`, verifyConsistency(m, to, proof, old, root), m < to && referenceVerifyConsistency(m, to, proof, old, root));
      }
      expect(wrong).toEqual([]);
    });
  }

  it('takes an empty proof, and nothing else, between a tree and itself (roots equal)', () => {
    for (let n = 1; n <= 8; n += 1) {
      expect(verifyConsistency(n, n, [], reference.root(n), reference.root(n))).toBe(true);
      expect(verifyConsistency(n, n, [], reference.root(n), reference.root(n + 1))).toBe(false);
      expect(verifyConsistency(n, n, [reference.root(n)], reference.root(n), reference.root(n))).toBe(false);
    }
    expect(verifyConsistency(0, 0, [], EMPTY_TREE_ROOT, EMPTY_TREE_ROOT)).toBe(true);
  });

  it('takes an empty proof, and nothing else, from the empty tree (a prefix of every tree)', () => {
    for (let n = 1; n <= 8; n += 1) {
      expect(verifyConsistency(0, n, [], EMPTY_TREE_ROOT, reference.root(n))).toBe(true);
      expect(verifyConsistency(0, n, [EMPTY_TREE_ROOT], EMPTY_TREE_ROOT, reference.root(n))).toBe(false);
    }
  });

  it('refuses sizes going backwards or below zero', () => {
    expect(verifyConsistency(2, 1, [], reference.root(2), reference.root(1))).toBe(false);
    expect(verifyConsistency(-1, 1, [], reference.root(0), reference.root(1))).toBe(false);
  });
});

describe('the production verifiers on the published vectors', () => {
  // transparency-dev/merkle proof/verify_test.go (leaf numbers there count from 1).
  const inputs = ['', '00', '10', '2021', '3031', '40414243', '5051525354555657', '606162636465666768696a6b6c6d6e6f'].map(unhex);
  const published = new ReferenceTree(inputs);

  it('accept PATH(5, D[8]) and PROOF(6, D[7]) as published', () => {
    const path = ['bc1a0643b12e4d2d7c77918f44e0f4f79a838b6cf9ec5b5c283e1f4d88599e6b', 'ca854ea128ed050b41b35ffc1b87b8eb2bde461e9e3b5596ece6b9d5975a0ae0', 'd37ee418976dd95753c1c73862b9398fa2a2cf9b4ff0fdfe8b30cd95209614b7'].map(unhex);
    expect(verifyInclusion(referenceLeafHash(inputs[5]!), 5, 8, path, unhex('5dc9da79a70659a9ad559cb701ded9a2ab9d823aad2f4960cfe370eff4604328'))).toBe(true);
    const proof = ['0ebc5d3437fbe2db158b9f126a1d118e308181031d0a949f8dededebc558ef6a', 'b08693ec2e721597130641e8211e7eedccb4c26413963eee6c1e2ed16ffb1a5f', 'd37ee418976dd95753c1c73862b9398fa2a2cf9b4ff0fdfe8b30cd95209614b7'].map(unhex);
    expect(verifyConsistency(6, 7, proof, published.root(6), unhex('ddb89be403809e325750d3d263cd78929c2942b7942a34b77e122c9594a74c8c'))).toBe(true);
  });
});
