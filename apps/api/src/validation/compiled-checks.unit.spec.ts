import 'reflect-metadata';
import { plainToInstance } from 'class-transformer';
import { validateSync } from 'class-validator';
import fc from 'fast-check';
import { OpenStoryDto } from '../stories/dto/open-story.dto';
import { passesCompiledChecks } from './compiled-checks';
import { mutate, mutation, VALID } from './testing/dto-inputs';
import { STRICT } from './validate';

const classValidatorAccepts = (instance: object, partial: boolean) => validateSync(instance, { ...STRICT, skipMissingProperties: partial }).length === 0;

describe('the compiled checks in front of class-validator', () => {
  it.each(VALID.map(({ dto, body }) => [dto.name, dto, body] as const))('say a valid %s is valid (the quick path is taken)', (_name, dto, body) => {
    const instance = plainToInstance(dto, body);
    expect(classValidatorAccepts(instance, false)).toBe(true);
    expect(passesCompiledChecks(instance, false)).toBe(true);
  });

  it('never say valid where class-validator finds anything wrong, whole or partial, over thousands of mutations', () => {
    let quick = 0;
    let refused = 0;
    fc.assert(
      fc.property(fc.nat({ max: VALID.length - 1 }), fc.array(mutation, { minLength: 1, maxLength: 3 }), fc.boolean(), (which, mutations, partial) => {
        const { dto, body } = VALID[which]!;
        const instance = plainToInstance(dto, mutations.reduce(mutate, body));
        const accepted = classValidatorAccepts(instance, partial);
        if (!accepted) refused++;
        if (passesCompiledChecks(instance, partial)) {
          quick++;
          expect(accepted).toBe(true);
        }
      }),
      { numRuns: 4000 },
    );
    // Both sides were exercised: many mutations break a body, and many keep it valid.
    expect(refused).toBeGreaterThan(1000);
    expect(quick).toBeGreaterThan(200);
  });

  it('leave to class-validator a value of a class with no validation metadata (its unknown-value error)', () => {
    expect(passesCompiledChecks({ anything: 1 }, false)).toBe(false);
    expect(passesCompiledChecks(plainToInstance(OpenStoryDto, { slug: 'a-b', headline: 'H', extra: 1 }), false)).toBe(false);
  });
});
