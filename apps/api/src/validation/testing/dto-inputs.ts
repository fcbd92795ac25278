import 'reflect-metadata';
import { DEVELOPMENT_DEFINITIONS } from '@story-tracker/domain';
import fc from 'fast-check';
import { CorrectionDto } from '../../stories/dto/correction.dto';
import { DEVELOPMENT_DTOS } from '../../stories/dto/developments/development-dto.registry';
import { OpenStoryDto } from '../../stories/dto/open-story.dto';
import { ReviseStoryDto } from '../../stories/dto/revise-story.dto';
import { RedactionDto } from '../../stories/redaction/redaction.dto';
import { CreateWatchDto } from '../../watches/watch.dto';

/**
 * Inputs of the DTOs the API validates most, valid and mutated, for the specs that hold the quick
 * paths (compiled-checks.ts, compiled-transform.ts) to class-validator and class-transformer.
 */

export type Body = Record<string, unknown>;

const BASE_FIELDS = { occurredAt: '2022-02-06T12:00:00Z', source: { name: 'US officials', url: 'https://example.org/briefing' }, note: 'Figure given on background', editSummary: 'New figure' };

/** Valid inputs of the DTOs the API validates most, each with the class that validates it. */
export const VALID: readonly { readonly dto: new () => object; readonly body: Body }[] = [
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

export const mutation = fc.record({ place: fc.nat(), kind: fc.constantFrom('replace', 'drop', 'add'), value: anyValue, key: fc.constantFrom('extra', 'type', 'count', 'url', 'name', '0', 'tags') });

export function mutate(body: Body, { place, kind, value, key }: { place: number; kind: string; value: unknown; key: string }): Body {
  const copy = cloneJson(body) as Body;
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

/**
 * A deep copy made in this realm (structuredClone's objects are of the realm outside a test's
 * context, which class-transformer tells apart by their constructor), keeping null prototypes and
 * own properties named like inherited ones (`__proto__` too).
 */
function cloneJson(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(cloneJson);
  if (typeof value !== 'object' || value === null) return value;
  const copy = Object.getPrototypeOf(value) === null ? (Object.create(null) as Body) : {};
  for (const [key, inner] of Object.entries(value)) Object.defineProperty(copy, key, { value: cloneJson(inner), enumerable: true, writable: true, configurable: true });
  return copy;
}
