import { LINK_FIELDS, type Development, type DevelopmentCommon } from '@story-tracker/domain';

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


/**
 * A development body as `POST /stories/{id}/developments` takes it, except that references may be
 * `Ref`s. Which fields are references the development types say at run time (`LINK_FIELDS`): a `Ref`
 * anywhere else stays an object, which the body's validation refuses (`checkSteps`).
 */
export type SeedDevelopment = Development extends infer D
  ? D extends Development
    ? { readonly [K in keyof D]: K extends 'type' | keyof DevelopmentCommon ? D[K] : D[K] extends string | undefined ? D[K] | Ref : D[K] }
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
  // The fields that name another development of the story, as the development types define them.
  for (const field of LINK_FIELDS) {
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
