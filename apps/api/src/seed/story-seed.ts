import type { Development } from '@story-tracker/domain';

/**
 * A story written as data, to be recorded through the app's own write path: the fields of
 * `POST /stories`, then the writes an editor would make, in order.
 */
export interface StorySeed {
  readonly slug: string;
  readonly headline: string;
  readonly summary: string;
  readonly tags: readonly string[];
  readonly editSummary: string;
  readonly steps: readonly SeedStep[];
}

/** Points at the development an earlier step recorded; replaced by its server-given id at run time. */
export interface Ref {
  readonly ref: string;
}

export const ref = (label: string): Ref => ({ ref: label });

/** The fields that name another development of the story. */
const REFERENCE_FIELDS = ['meetingId', 'demandId', 'of'] as const;
type ReferenceField = (typeof REFERENCE_FIELDS)[number];

/** A development body as `POST /stories/{id}/developments` takes it, except that references may be `Ref`s. */
export type SeedDevelopment = Development extends infer D
  ? D extends Development
    ? { readonly [K in keyof D]: K extends ReferenceField ? D[K] | Ref : D[K] }
    : never
  : never;

export interface StoryRevision {
  readonly headline?: string;
  readonly summary?: string;
  readonly tags?: readonly string[];
}

/** One write. `label` names it in logs and lets later steps refer to a recorded development. */
export type SeedStep =
  | { readonly kind: 'record'; readonly label: string; readonly editSummary: string; readonly development: SeedDevelopment }
  | { readonly kind: 'revise'; readonly label: string; readonly editSummary: string; readonly changes: StoryRevision }
  | { readonly kind: 'publish'; readonly label: string; readonly editSummary: string };

/**
 * The body to post for a development, its `Ref`s replaced by ids from `ids` (label → developmentId).
 * A label that no earlier step recorded is a mistake in the seed and stops it.
 */
export function resolveReferences(development: SeedDevelopment, ids: ReadonlyMap<string, string>): Record<string, unknown> {
  const body: Record<string, unknown> = { ...development };
  for (const field of REFERENCE_FIELDS) {
    const value = body[field];
    if (!isRef(value)) continue;
    const id = ids.get(value.ref);
    if (id === undefined) throw new Error(`${field} refers to "${value.ref}", which no earlier step recorded`);
    body[field] = id;
  }
  return body;
}

function isRef(value: unknown): value is Ref {
  return typeof value === 'object' && value !== null && typeof (value as Ref).ref === 'string';
}
