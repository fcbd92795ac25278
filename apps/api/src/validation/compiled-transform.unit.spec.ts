import 'reflect-metadata';
import { plainToInstance } from 'class-transformer';
import fc from 'fast-check';
import { isDeepStrictEqual } from 'node:util';
import { CorrectionDto } from '../stories/dto/correction.dto';
import { DEVELOPMENT_DTOS } from '../stories/dto/developments/development-dto.registry';
import { OpenStoryDto } from '../stories/dto/open-story.dto';
import { compiledInstance } from './compiled-transform';
import { mutate, mutation, VALID, type Body } from './testing/dto-inputs';

/** Values JSON.parse can give (null-prototype objects too, as a parser that guards against __proto__ makes), with names objects inherit. */
const jsonish = fc.oneof(
  fc.anything({ maxDepth: 3, withNullPrototype: true, values: [fc.string(), fc.double({ noNaN: true, noDefaultInfinity: true }), fc.boolean(), fc.constant(null)] }),
  fc.constantFrom('  padded  ', 'e\u0301te\u0301', 'a\u200bb', 'Zelensky\u00a0', ['  russia ', 'NATO'], { name: ' US officials ', url: 'https://example.org' }),
  fc.dictionary(fc.constantFrom('toString', 'valueOf', 'hasOwnProperty', '__proto__', 'constructor', 'name', 'url', 'x'), fc.oneof(fc.string(), fc.integer(), fc.constant(null)), { maxKeys: 3 }),
);

const weirdMutation = fc.record({ place: fc.nat(), kind: fc.constantFrom('replace', 'add'), value: jsonish, key: fc.constantFrom('source', 'changes', 'tags', 'note', 'toString', 'extra') });

/** Whether both are the same instance tree: classes, own properties (undefined ones too) and values. */
function sameAs(compiled: unknown, reference: unknown): boolean {
  return isDeepStrictEqual(compiled, reference);
}

describe('the compiled plain-to-instance walk in front of class-transformer', () => {
  it.each(VALID.map(({ dto, body }) => [dto.name, dto, body] as const))('makes of a valid %s exactly what plainToInstance makes (the quick path is taken)', (_name, dto, body) => {
    const compiled = compiledInstance(dto, body);
    expect(compiled).toBeDefined();
    expect(sameAs(compiled, plainToInstance(dto, body))).toBe(true);
    expect(Object.getPrototypeOf(compiled)).toBe(dto.prototype);
  });

  it('normalises text and makes nested sources as the decorators say', () => {
    const compiled = compiledInstance(DEVELOPMENT_DTOS['troop-estimate'], { type: 'troop-estimate', force: ' Russia ', location: 'e\u0301', count: 1, source: { name: ' US officials ', url: 'https://example.org' } }) as unknown as Body;
    const reference = plainToInstance(DEVELOPMENT_DTOS['troop-estimate'], { type: 'troop-estimate', force: ' Russia ', location: 'e\u0301', count: 1, source: { name: ' US officials ', url: 'https://example.org' } }) as unknown as Body;
    expect(compiled).toEqual(reference);
    expect(compiled['force']).toBe(reference['force']);
    expect(Object.getPrototypeOf(compiled['source'])).toBe(Object.getPrototypeOf(reference['source']));
    expect(Object.getPrototypeOf(compiled['source'])).not.toBe(Object.prototype);
  });

  it('makes the same instance as plainToInstance, or leaves it to it, over thousands of mutations (weird names and null prototypes too)', () => {
    let quick = 0;
    let left = 0;
    fc.assert(
      fc.property(fc.nat({ max: VALID.length - 1 }), fc.array(fc.oneof(mutation, weirdMutation), { minLength: 1, maxLength: 3 }), (which, mutations) => {
        const { dto, body } = VALID[which]!;
        const input = mutations.reduce(mutate, body);
        const compiled = compiledInstance(dto, input);
        if (compiled === undefined) {
          left++;
          return;
        }
        quick++;
        expect(sameAs(compiled, plainToInstance(dto, input))).toBe(true);
      }),
      { numRuns: 4000 },
    );
    // Both sides were exercised.
    expect(quick).toBeGreaterThan(1000);
    expect(left).toBeGreaterThan(200);
  });

  it("copies a free-form object (a correction's changes) as plainToInstance does, skipping what it skips", () => {
    const changes = Object.assign(Object.create(null) as Body, { count: 5, nested: [{ a: 1 }, [2, 3]], toString: 'x', hasOwnProperty: 1 });
    const input = { changes, reason: 'Revised figure' };
    const compiled = compiledInstance(CorrectionDto, input);
    expect(compiled).toBeDefined();
    expect(sameAs(compiled, plainToInstance(CorrectionDto, input))).toBe(true);
    expect(Object.keys((compiled as unknown as { changes: Body }).changes)).toEqual(['count', 'nested']);
  });

  it('leaves to class-transformer what it is not sure of: a property the class does not validate, an own constructor, values that are not JSON', () => {
    expect(compiledInstance(OpenStoryDto, { slug: 'a-b', headline: 'H', extra: 1 })).toBeUndefined();
    expect(compiledInstance(OpenStoryDto, { slug: 'a-b', headline: 'H', constructor: 1 })).toBeUndefined();
    expect(compiledInstance(OpenStoryDto, { slug: 'a-b', headline: 'H', tags: new Set(['a']) })).toBeUndefined();
    expect(compiledInstance(OpenStoryDto, { slug: 'a-b', headline: new Date() })).toBeUndefined();
    class NoMetadata {}
    expect(compiledInstance(NoMetadata, { a: 1 })).toBeUndefined();
  });
});
