import fc from 'fast-check';
import canonicalize from 'canonicalize';
import { createHash } from 'node:crypto';
import { canonicalJson, canonicalJsonSha256, canonicalJsonWithout, plainCanonicalJson } from './canonical-json';

describe('canonicalJson', () => {
  it('sorts keys by UTF-16 code unit and writes numbers in their shortest form', () => {
    expect(canonicalJson({ b: 1, a: [3, { d: 1e21, c: 0.1 }], é: 'x', Z: true })).toBe(
      '{"Z":true,"a":[3,{"c":0.1,"d":1e+21}],"b":1,"é":"x"}',
    );
  });

  it('writes a lone surrogate as canonicalize 2 did, so chains stored before it was refused keep verifying', () => {
    // The bytes canonicalize 2.1.0 produced for this value (checked against that version).
    expect(canonicalJson({ text: 'a\ud800b', list: ['\udfff'], n: 1 })).toBe('{"list":["\\udfff"],"n":1,"text":"a\\ud800b"}');
  });

  it('writes the rest of a value with a lone surrogate exactly as the canonical form', () => {
    fc.assert(
      fc.property(fc.jsonValue(), (value) => {
        expect(canonicalJson({ s: '\ud800', x: value })).toBe(`{"s":"\\ud800","x":${canonicalJson(value)}}`);
      }),
      { numRuns: 500 },
    );
  });

  it('gives one form whatever the key order', () => {
    fc.assert(
      fc.property(fc.jsonValue(), (value) => {
        const canonical = canonicalJson(value);
        expect(JSON.parse(canonical)).toEqual(JSON.parse(JSON.stringify(value)));
        expect(canonicalJson(JSON.parse(canonical))).toBe(canonical);
      }),
      { numRuns: 500 },
    );
  });

  it('refuses what has no JSON form', () => {
    expect(() => canonicalJson(Number.NaN)).toThrow();
    expect(() => canonicalJson(undefined)).toThrow(TypeError);
  });

  it('writes plain JSON directly, byte for byte as canonicalize does', () => {
    fc.assert(
      fc.property(fc.jsonValue({ maxDepth: 6 }), fc.jsonValue({ stringUnit: 'grapheme', maxDepth: 3 }), (ascii, unicode) => {
        expect(plainCanonicalJson(ascii)).toBe(canonicalize(ascii));
        expect(plainCanonicalJson(unicode)).toBe(canonicalize(unicode));
        // And as a value parsed from stored JSON text, which is what verification hashes.
        expect(plainCanonicalJson(JSON.parse(JSON.stringify(unicode)))).toBe(canonicalize(unicode));
      }),
      { numRuns: 1000 },
    );
  });

  it('leaves to the library what is not plain JSON, with the same result as before', () => {
    const when = new Date(Date.UTC(2022, 1, 7));
    expect(() => plainCanonicalJson({ when })).toThrow();
    expect(canonicalJson({ when, b: undefined, list: [undefined, 1], n: -0 })).toBe(canonicalize({ when, b: undefined, list: [undefined, 1], n: -0 }));
    expect(canonicalJson(Object.assign(Object.create(null), { b: 1, a: 2 }))).toBe('{"a":2,"b":1}');
    const cycle: Record<string, unknown> = {};
    cycle['self'] = cycle;
    expect(() => canonicalJson(cycle)).toThrow();
  });

  it('writes an object without one member as canonicalJson writes the object without it', () => {
    fc.assert(
      fc.property(fc.dictionary(fc.string(), fc.jsonValue({ maxDepth: 3 })), fc.string(), (object, left) => {
        const { [left]: _left, ...rest } = { ...object, [left]: 'dropped' };
        expect(canonicalJsonWithout({ ...object, [left]: 'dropped' }, left)).toBe(canonicalize(rest));
        expect(canonicalJsonWithout(object, left)).toBe(canonicalize(Object.fromEntries(Object.entries(object).filter(([key]) => key !== left))));
      }),
      { numRuns: 500 },
    );
    const when = new Date(Date.UTC(2022, 1, 7));
    expect(canonicalJsonWithout({ salts: { '/a': 'x' }, when, n: -0 }, 'salts')).toBe(canonicalize({ when, n: -0 }));
  });

  it('hashes the canonical JSON written in chunks exactly as the whole text, surrogate pairs and all', () => {
    const sha256 = (text: string) => createHash('sha256').update(text, 'utf8').digest('hex');
    fc.assert(
      fc.property(fc.jsonValue({ stringUnit: 'grapheme', maxDepth: 4 }), (value) => {
        expect(canonicalJsonSha256(value)).toBe(sha256(canonicalize(value)!));
      }),
      { numRuns: 300 },
    );
    // Far past a chunk, with pairs (🇺🇦, 𝔘) and lone surrogates at every place a chunk could end.
    const big = Array.from({ length: 6000 }, (_, index) => ({ n: index, flag: '🇺🇦'.repeat(index % 7), odd: index % 97 === 0 ? '\ud800x' : '𝔘', nested: [{ k: 'é'.repeat(index % 5) }] }));
    expect(canonicalJsonSha256(big)).toBe(sha256(canonicalJson(big)));
    expect(canonicalJson(big).length).toBeGreaterThan(5 * 65_536);
    const when = new Date(Date.UTC(2022, 1, 7));
    expect(canonicalJsonSha256({ when, list: big.slice(0, 3000) })).toBe(sha256(canonicalJson({ when, list: big.slice(0, 3000) })));
  });
});
