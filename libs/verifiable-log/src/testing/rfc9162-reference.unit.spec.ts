import { unhex } from './log-entries';
import { ReferenceTree, largestPowerOfTwoBelow, referenceLeafHash, referenceVerifyConsistency, referenceVerifyInclusion } from './rfc9162-reference';

// The reference every other test trusts is itself checked against vectors published by others: the
// RFC 6962 test data of transparency-dev/merkle (testonly/constants.go and proof/verify_test.go),
// used there to test Google's Go implementation. Data only; the leaf numbers there count from 1.
const LEAF_INPUTS = ['', '00', '10', '2021', '3031', '40414243', '5051525354555657', '606162636465666768696a6b6c6d6e6f'].map(unhex);
const ROOTS = [
  'e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855',
  '6e340b9cffb37a989ca544e6bb780a2c78901d3fb33738768511a30617afa01d',
  'fac54203e7cc696cf0dfcb42c92a1d9dbaf70ad9e621f4bd8d98662f00e3c125',
  'aeb6bcfe274b70a14fb067a5e5578264db0fa9b51af5e0ba159158f329e06e77',
  'd37ee418976dd95753c1c73862b9398fa2a2cf9b4ff0fdfe8b30cd95209614b7',
  '4e3bbb1f7b478dcfe71fb631631519a3bca12c9aefca1612bfce4c13a86264d4',
  '76e67dadbcdf1e10e1b74ddc608abd2f98dfb16fbce75277b5232a127f2087ef',
  'ddb89be403809e325750d3d263cd78929c2942b7942a34b77e122c9594a74c8c',
  '5dc9da79a70659a9ad559cb701ded9a2ab9d823aad2f4960cfe370eff4604328',
];
const INCLUSION = [
  { index: 0, size: 8, path: ['96a296d224f285c67bee93c30f8a309157f0daa35dc5b87e410b78630a09cfc7', '5f083f0a1a33ca076a95279832580db3e0ef4584bdff1f54c8a360f50de3031e', '6b47aaf29ee3c2af9af889bc1fb9254dabd31177f16232dd6aab035ca39bf6e4'] },
  { index: 5, size: 8, path: ['bc1a0643b12e4d2d7c77918f44e0f4f79a838b6cf9ec5b5c283e1f4d88599e6b', 'ca854ea128ed050b41b35ffc1b87b8eb2bde461e9e3b5596ece6b9d5975a0ae0', 'd37ee418976dd95753c1c73862b9398fa2a2cf9b4ff0fdfe8b30cd95209614b7'] },
  { index: 2, size: 3, path: ['fac54203e7cc696cf0dfcb42c92a1d9dbaf70ad9e621f4bd8d98662f00e3c125'] },
  { index: 1, size: 5, path: ['6e340b9cffb37a989ca544e6bb780a2c78901d3fb33738768511a30617afa01d', '5f083f0a1a33ca076a95279832580db3e0ef4584bdff1f54c8a360f50de3031e', 'bc1a0643b12e4d2d7c77918f44e0f4f79a838b6cf9ec5b5c283e1f4d88599e6b'] },
  { index: 0, size: 1, path: [] },
];
const CONSISTENCY = [
  { first: 1, second: 8, proof: ['96a296d224f285c67bee93c30f8a309157f0daa35dc5b87e410b78630a09cfc7', '5f083f0a1a33ca076a95279832580db3e0ef4584bdff1f54c8a360f50de3031e', '6b47aaf29ee3c2af9af889bc1fb9254dabd31177f16232dd6aab035ca39bf6e4'] },
  { first: 6, second: 8, proof: ['0ebc5d3437fbe2db158b9f126a1d118e308181031d0a949f8dededebc558ef6a', 'ca854ea128ed050b41b35ffc1b87b8eb2bde461e9e3b5596ece6b9d5975a0ae0', 'd37ee418976dd95753c1c73862b9398fa2a2cf9b4ff0fdfe8b30cd95209614b7'] },
  { first: 2, second: 5, proof: ['5f083f0a1a33ca076a95279832580db3e0ef4584bdff1f54c8a360f50de3031e', 'bc1a0643b12e4d2d7c77918f44e0f4f79a838b6cf9ec5b5c283e1f4d88599e6b'] },
  { first: 6, second: 7, proof: ['0ebc5d3437fbe2db158b9f126a1d118e308181031d0a949f8dededebc558ef6a', 'b08693ec2e721597130641e8211e7eedccb4c26413963eee6c1e2ed16ffb1a5f', 'd37ee418976dd95753c1c73862b9398fa2a2cf9b4ff0fdfe8b30cd95209614b7'] },
];

describe('the RFC 9162 reference used by the tests', () => {
  const tree = new ReferenceTree(LEAF_INPUTS);

  it('gives the published root for every size from 0 to 8', () => {
    for (let size = 0; size <= 8; size += 1) expect(tree.root(size).toString('hex')).toBe(ROOTS[size]);
  });

  it('splits where the RFC says (k < n <= 2k), not at the middle', () => {
    expect([2, 3, 4, 5, 6, 7, 8, 9, 1000].map(largestPowerOfTwoBelow)).toEqual([1, 2, 2, 4, 4, 4, 4, 8, 512]);
    expect(() => largestPowerOfTwoBelow(1)).toThrow(RangeError);
  });

  it.each(INCLUSION)('gives the published PATH($index, D[$size]) and verifies it', ({ index, size, path }) => {
    expect(tree.path(index, size).map((hash) => hash.toString('hex'))).toEqual(path);
    expect(referenceVerifyInclusion(referenceLeafHash(LEAF_INPUTS[index]!), index, size, path.map(unhex), unhex(ROOTS[size]!))).toBe(true);
    expect(referenceVerifyInclusion(referenceLeafHash(LEAF_INPUTS[index]!), index, size, path.map(unhex), unhex(ROOTS[size - 1]!))).toBe(false);
  });

  it.each(CONSISTENCY)('gives the published PROOF($first, D[$second]) and verifies it', ({ first, second, proof }) => {
    expect(tree.proof(first, second).map((hash) => hash.toString('hex'))).toEqual(proof);
    expect(referenceVerifyConsistency(first, second, proof.map(unhex), unhex(ROOTS[first]!), unhex(ROOTS[second]!))).toBe(true);
    expect(referenceVerifyConsistency(first, second, proof.map(unhex), unhex(ROOTS[second]!), unhex(ROOTS[first]!))).toBe(false);
  });

  it('has PROOF(m, D[m]) empty, as SUBPROOF(m, D[m], true) = {}', () => {
    for (let m = 1; m <= 8; m += 1) expect(tree.proof(m, m)).toEqual([]);
  });

  it('refuses what the RFC does not define rather than guess', () => {
    expect(() => tree.path(3, 3)).toThrow(RangeError);
    expect(() => tree.proof(0, 3)).toThrow(RangeError);
    expect(() => referenceVerifyConsistency(3, 3, [], unhex(ROOTS[3]!), unhex(ROOTS[3]!))).toThrow(RangeError);
  });
});
