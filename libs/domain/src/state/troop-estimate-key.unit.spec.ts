import fc from 'fast-check';
import { troopEstimateKey, troopEstimateKeyParts } from './troop-estimate-key';

/** Strings heavy in the two characters the encoding escapes, so that collisions would be found. */
const name = fc.oneof(
  fc.string({ unit: fc.constantFrom('|', '\\', 'a', 'B', ' ') }),
  fc.string({ unit: 'grapheme' }),
  fc.string(),
);

describe('troopEstimateKey', () => {
  it('keeps the plain force|location key of names without a bar or a backslash', () => {
    expect(troopEstimateKey('Russia', 'near the Ukrainian border')).toBe('Russia|near the Ukrainian border');
    expect(troopEstimateKey('NATO/EU', '~Baltic coast')).toBe('NATO/EU|~Baltic coast');
    expect(troopEstimateKey('', '')).toBe('|');
  });

  it('escapes a bar as \\| and a backslash as \\\\ inside each part', () => {
    expect(troopEstimateKey('A|B', 'C')).toBe('A\\|B|C');
    expect(troopEstimateKey('A', 'B|C')).toBe('A|B\\|C');
    expect(troopEstimateKey('A\\', 'B')).toBe('A\\\\|B');
    expect(troopEstimateKey('A', '\\|B')).toBe('A|\\\\\\|B');
  });

  it('gives the two pairs that used to collide on A|B|C two keys', () => {
    expect(troopEstimateKey('A|B', 'C')).not.toBe(troopEstimateKey('A', 'B|C'));
  });

  it('distinguishes case and does not normalise: Russia and russia are two forces', () => {
    expect(troopEstimateKey('Russia', 'Kursk')).not.toBe(troopEstimateKey('russia', 'Kursk'));
  });

  it('property: two different pairs never get the same key, and the same pair always does', () => {
    const pair = fc.tuple(name, name);
    /** Two pairs that are often equal, or the same text cut in two at different bars or backslashes. */
    const twoPairs = fc.oneof(
      fc.tuple(pair, pair),
      pair.map((same) => [same, [...same]] as const),
      fc.tuple(fc.array(name, { minLength: 2, maxLength: 5 }), fc.nat(), fc.nat(), fc.constantFrom('|', '\\', '\\|', '|\\')).map(([pieces, i, j, glue]) => {
        const cut = (at: number) => [pieces.slice(0, at).join(glue), pieces.slice(at).join(glue)] as const;
        return [cut(1 + (i % (pieces.length - 1))), cut(1 + (j % (pieces.length - 1)))] as const;
      }),
    );
    fc.assert(
      fc.property(twoPairs, ([[force1, location1], [force2, location2]]) => {
        const same = force1 === force2 && location1 === location2;
        expect(troopEstimateKey(force1, location1) === troopEstimateKey(force2, location2)).toBe(same);
      }),
      { numRuns: 3_000 },
    );
  });

  it('property: a key reads back to the force and location it was made from', () => {
    fc.assert(
      fc.property(name, name, (force, location) => {
        expect(troopEstimateKeyParts(troopEstimateKey(force, location))).toEqual({ force, location });
      }),
      { numRuns: 2_000 },
    );
  });

  it('reads no pair from a string that no pair makes', () => {
    expect(troopEstimateKeyParts('no separator')).toBeUndefined();
    expect(troopEstimateKeyParts('A|B|C')).toBeUndefined();
    expect(troopEstimateKeyParts('A\\x|B')).toBeUndefined();
    expect(troopEstimateKeyParts('A|B\\')).toBeUndefined();
  });
});
