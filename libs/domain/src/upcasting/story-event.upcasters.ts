import type { TroopQualifier } from '../events/development';

/** Lifts one event's data from one schema version to the next. Never changes its input. */
export type Upcaster = (data: unknown) => unknown;

/**
 * The steps, by the version they start from, then by event type. Version 1 is read forever: a step
 * once shipped is never changed, a new schema version adds a new row.
 */
export const UPCASTERS: Readonly<Record<number, Readonly<Record<string, Upcaster>>>> = {
  1: {
    StoryOpened: storyOpenedV1ToV2,
    TroopEstimateRecorded: troopEstimateRecordedV1ToV2,
  },
};

/** v1 `StoryOpened`: `{ storyId, title, summary?, tags? }`. */
export interface StoryOpenedV1 {
  readonly storyId: string;
  readonly title: string;
  readonly summary?: string;
  readonly tags?: readonly string[];
}

/** v1 `StoryOpened` named the headline `title`, and `summary` and `tags` could be missing. */
function storyOpenedV1ToV2(data: unknown): unknown {
  const { title, summary, tags, ...rest } = asObject(data) as Partial<StoryOpenedV1> & Record<string, unknown>;
  if (typeof title !== 'string') throw new TypeError('title is missing');
  return { ...rest, headline: title, summary: summary ?? '', tags: tags ?? [] };
}

/** v1 qualifiers as editors typed them, and their v2 value. */
const QUALIFIERS_V1_TO_V2 = {
  about: 'about',
  'more than': 'more-than',
  nearly: 'nearly',
  'up to': 'up-to',
  exactly: 'exactly',
} as const satisfies Record<string, TroopQualifier>;

export type TroopQualifierV1 = keyof typeof QUALIFIERS_V1_TO_V2;

/** v1 `TroopEstimateRecorded`: the figure was `estimate`, and `qualifier` free text ("more than"). */
export interface TroopEstimateRecordedV1 {
  readonly developmentId: string;
  readonly force: string;
  readonly location: string;
  readonly estimate: number;
  readonly qualifier?: TroopQualifierV1;
}

function troopEstimateRecordedV1ToV2(data: unknown): unknown {
  const { estimate, qualifier, ...rest } = asObject(data) as Partial<TroopEstimateRecordedV1> & Record<string, unknown>;
  if (typeof estimate !== 'number') throw new TypeError('estimate is missing');
  return { ...rest, count: estimate, ...(qualifier !== undefined && { qualifier: qualifierV2(qualifier) }) };
}

/** "more than" → "more-than", forgiving case and spacing; anything else was never a v1 qualifier. */
function qualifierV2(qualifier: unknown): TroopQualifier {
  const words = typeof qualifier === 'string' ? qualifier.trim().toLowerCase().split(/\s+/).join(' ') : '';
  if (!Object.hasOwn(QUALIFIERS_V1_TO_V2, words)) {
    throw new TypeError(`qualifier ${JSON.stringify(qualifier)} is not one of ${Object.keys(QUALIFIERS_V1_TO_V2).join(', ')}`);
  }
  return QUALIFIERS_V1_TO_V2[words as TroopQualifierV1];
}

function asObject(data: unknown): Record<string, unknown> {
  if (data === null || typeof data !== 'object' || Array.isArray(data)) throw new TypeError('data is not an object');
  return data as Record<string, unknown>;
}
