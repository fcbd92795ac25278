import 'reflect-metadata';
import { DEVELOPMENT_DEFINITIONS } from '@story-tracker/domain';
import { plainToInstance } from 'class-transformer';
import { validateSync } from 'class-validator';
import fc from 'fast-check';
import { CorrectionDto } from '../stories/dto/correction.dto';
import { DEVELOPMENT_DTOS } from '../stories/dto/developments/development-dto.registry';
import { OpenStoryDto } from '../stories/dto/open-story.dto';
import { ReviseStoryDto } from '../stories/dto/revise-story.dto';
import { RedactionDto } from '../stories/redaction/redaction.dto';
import { CreateWatchDto } from '../watches/watch.dto';
import { passesCompiledChecks } from './compiled-checks';
import { STRICT } from './validate';

type Body = Record<string, unknown>;

const BASE_FIELDS = { occurredAt: '2022-02-06T12:00:00Z', source: { name: 'US officials', url: 'https://example.org/briefing' }, note: 'Figure given on background', editSummary: 'New figure' };

/** Valid inputs of the DTOs the API validates most, each with the class that validates it. */
const VALID: readonly { readonly dto: new () => object; readonly body: Body }[] = [
  ...DEVELOPMENT_DEFINITIONS.flatMap((definition) => [
    { dto: DEVELOPMENT_DTOS[definition.type], body: { type: definition.type, ...(definition.example as Body) } },
    { dto: DEVELOPMENT_DTOS[definition.type], body: { type: definition.type, ...(definition.example as Body), ...BASE_FIELDS } },
  ]),
  { dto: OpenStoryDto, body: { slug: 'scholz-kyiv', headline: 'Scholz to visit Kyiv', summary: 'A trip', tags: ['germany', 'diplomacy'], editSummary: 'why' } },
  { dto: ReviseStoryDto, body: { headline: 'Scholz in Moscow', summary: 'Talks', tags: ['germany'] } },
  { dto: CorrectionDto, body: { changes: { count: 35000 }, reason: 'Revised figure' } },
  { dto: RedactionDto, body: { paths: ['/source/name'], reason: 'Court order' } },
  { dto: CreateWatchDto, body: { storyId: 'russia-ukraine-standoff', on: ['estimate', 'meeting'], estimateThresholdPercent: 10 } },
];

/** Every place in a body: objects (where keys may be added) and values (which may be replaced or dropped). */
function placesOf(value: unknown, path: readonly string[] = []): (readonly string[])[] {
  if (typeof value !== 'object' || value === null) return [path];
  return [path, ...Object.entries(value).flatMap(([key, inner]) => placesOf(inner, [...path, key]))];
}

/** Values valid somewhere, so that a mutation often lands on one valid in its new place too. */
const VALID_LEAVES = VALID.flatMap(({ body }) => placesOf(body).map((path) => path.reduce<unknown>((at, key) => (at as Body)[key], body)));

const anyValue = fc.oneof(
  fc.constantFrom(...VALID_LEAVES),
  fc.anything({ maxDepth: 2 }),
  fc.string({ maxLength: 30 }),
  fc.constantFrom('', ' ', '\u0000x', 'x'.repeat(5000), 'javascript:alert(1)', 'https://', 'ftp://example.org', '2022-W06', '2022-02-30', '2022-02-07', 'not-a-slug!', '01JZ6Q3V7C9X4M2B8N5K0T1R6W'),
  fc.constantFrom(0, -1, 0.5, 101, 1e21, Number.MAX_SAFE_INTEGER, 70, 30000, true, false, null, [], {}, [{}], [''], ['a', 'a'], [1]),
);

const mutation = fc.record({ place: fc.nat(), kind: fc.constantFrom('replace', 'drop', 'add'), value: anyValue, key: fc.constantFrom('extra', 'type', 'count', 'url', 'name', '0', 'tags') });

function mutate(body: Body, { place, kind, value, key }: { place: number; kind: string; value: unknown; key: string }): Body {
  const copy = structuredClone(body);
  const places = placesOf(copy);
  const path = places[place % places.length]!;
  if (path.length === 0) {
    if (kind === 'add') copy[key] = value;
    return copy;
  }
  const parent = path.slice(0, -1).reduce<unknown>((at, step) => (at as Body)[step], copy) as Body;
  const last = path[path.length - 1]!;
  if (kind === 'drop') delete parent[last];
  else if (kind === 'add' && typeof parent[last] === 'object' && parent[last] !== null) (parent[last] as Body)[key] = value;
  else parent[last] = value;
  return copy;
}

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
