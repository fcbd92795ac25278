import { createHash } from 'node:crypto';
import fc from 'fast-check';
import { canonicalJson } from './canonical-json';
import { commitmentOf, committedCanonicalJson, committedData, leafPointers, redactLeaves, saltLeaves } from './commitments';

/** The data as a row gives it back: parsed JSON. */
const parsed = (value: unknown): unknown => JSON.parse(JSON.stringify(value)) as unknown;
/** What committedCanonicalJson replaces: the committed tree, then its canonical form. */
const byTree = (data: unknown, salts: unknown) => {
  const tree = committedData(data, salts);
  return tree === undefined ? undefined : canonicalJson(tree);
};
const awkwardKeys = fc.constantFrom('a', 'a/b', '~', '~1', '', 'é', '__proto__', 'constructor', '0');
const data = fc.oneof(
  fc.jsonValue().map(parsed),
  fc.dictionary(awkwardKeys, fc.oneof(fc.jsonValue(), fc.array(fc.string())), { maxKeys: 6 }).map(parsed),
);

describe('commitments', () => {
  it('commits to a value as SHA-256 of the salt bytes then its canonical JSON', () => {
    const salt = Buffer.alloc(16, 7).toString('base64');
    for (const value of ['Macron', 'é\u{1F600}'.repeat(2_000), 100_000, -0.5, true, null]) {
      const expected = createHash('sha256').update(Buffer.alloc(16, 7)).update(canonicalJson(value), 'utf8').digest('hex');
      expect(commitmentOf(salt, value)).toBe(expected);
    }
  });

  it('writes the committed data in one walk exactly as the tree would be written', () => {
    fc.assert(
      fc.property(data, fc.nat(), (value, seed) => {
        const salts = saltLeaves(value);
        expect(committedCanonicalJson(value, salts)).toBe(byTree(value, salts));
        // Some leaves redacted, as a redaction leaves them.
        const pointers = leafPointers(value).filter((_, index) => (index + seed) % 3 === 0);
        const redacted = redactLeaves(value, salts, pointers, '[redacted]');
        expect(committedCanonicalJson(redacted.data, redacted.salts)).toBe(byTree(redacted.data, redacted.salts));
        expect(committedCanonicalJson(redacted.data, redacted.salts)).toBe(committedCanonicalJson(value, salts));
      }),
      { numRuns: 400 },
    );
  });

  it('gives nothing where the salts do not fit the data (one missing, one too many, not an object)', () => {
    const value = parsed({ estimate: { troops: 100_000, source: { name: 'US officials' } }, tags: ['a', 'b'] });
    const salts = saltLeaves(value);
    const { ['/tags/1']: _dropped, ...missing } = salts;
    for (const broken of [missing, { ...salts, '/extra': salts['/tags/0']! }, { ...salts, '/tags/0': { redacted: 'not hex' } }, [], null, 'salt']) {
      expect(committedCanonicalJson(value, broken)).toBeUndefined();
      expect(byTree(value, broken)).toBeUndefined();
    }
  });

  it('takes the long way for what is not plain JSON, with the same answer', () => {
    const value = { when: new Date(0), nested: { n: 1 } };
    const salts = saltLeaves(value);
    expect(committedCanonicalJson(value, salts)).toBe(byTree(value, salts));
  });

  it('gives every leaf a salt of its own, never one handed out before', () => {
    const seen = new Set<string>();
    for (let append = 0; append < 2_000; append++) {
      for (const salt of Object.values(saltLeaves({ a: 1, b: ['x', 'y'], c: { d: null } }))) {
        expect(Buffer.from(salt as string, 'base64')).toHaveLength(16);
        expect(seen.has(salt as string)).toBe(false);
        seen.add(salt as string);
      }
    }
    // A value with more leaves than the pool holds at once.
    const many = saltLeaves(Array.from({ length: 1_000 }, (_, index) => index));
    expect(new Set(Object.values(many)).size).toBe(1_000);
  });
});
