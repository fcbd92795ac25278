import { DEVELOPMENT_DEFINITIONS, DEVELOPMENT_TYPES, DEVELOPMENTS, type DevelopmentEventTypeOf, type DevelopmentFieldsByType, type DevelopmentType } from '../developments/registry';

/**
 * Developments: the facts of a running story. A development is a discriminated union on `type`
 * (the kebab-case name editors post), and each type is stored as one event type (`eventTypeOf`).
 * Each type is defined in one file of `developments/`, listed in `developments/registry.ts`;
 * what is here is derived from that list.
 */

export interface Source {
  readonly name: string;
  readonly url?: string;
}

/** Fields every development may carry. */
export interface DevelopmentCommon {
  /** When it happened in the world; may be long before it was recorded. */
  readonly occurredAt?: string;
  readonly source?: Source;
  readonly note?: string;
}

export type { DevelopmentFieldsByType, DevelopmentType } from '../developments/registry';
export { DEVELOPMENT_TYPES } from '../developments/registry';
export { TROOP_QUALIFIERS, type TroopEstimateFields, type TroopQualifier } from '../developments/troop-estimate';
export type { MeetingScheduledFields } from '../developments/meeting-scheduled';
export type { MeetingRescheduledFields } from '../developments/meeting-rescheduled';
export type { MeetingHeldFields } from '../developments/meeting-held';
export type { MeetingCancelledFields } from '../developments/meeting-cancelled';
export type { DemandMadeFields } from '../developments/demand-made';
export type { DemandAnsweredFields } from '../developments/demand-rejected';
export type { StatementFields } from '../developments/statement';
export type { DenialFields } from '../developments/denial';
export type { DeploymentFields } from '../developments/deployment';
export type { NoteFields } from '../developments/note';

/** A development as an editor posts it: `{ type, ...fields }`. */
export type Development = {
  [T in DevelopmentType]: { readonly type: T } & DevelopmentFieldsByType[T];
}[DevelopmentType];

export type DevelopmentOf<T extends DevelopmentType> = Extract<Development, { type: T }>;

/** The stored event type of each development type, as it appears in the raw log. */
export const DEVELOPMENT_EVENT_TYPES = Object.fromEntries(DEVELOPMENT_TYPES.map((type) => [type, DEVELOPMENTS[type].eventType])) as {
  readonly [T in DevelopmentType]: DevelopmentEventTypeOf<T>;
};

export type DevelopmentEventType = DevelopmentEventTypeOf<DevelopmentType>;

const DEVELOPMENT_TYPE_BY_EVENT_TYPE = Object.fromEntries(
  DEVELOPMENT_TYPES.map((type) => [DEVELOPMENT_EVENT_TYPES[type], type]),
) as Record<DevelopmentEventType, DevelopmentType>;

export function developmentTypeOf(eventType: DevelopmentEventType): DevelopmentType {
  return DEVELOPMENT_TYPE_BY_EVENT_TYPE[eventType];
}

export function isDevelopmentEventType(eventType: string): eventType is DevelopmentEventType {
  return Object.hasOwn(DEVELOPMENT_TYPE_BY_EVENT_TYPE, eventType);
}

/** Every field of any type that holds the id of another development (the meeting or demand it acts on, what it denies). */
export const LINK_FIELDS: readonly string[] = unique(
  DEVELOPMENT_DEFINITIONS.flatMap((definition) => Object.entries(definition.fields).flatMap(([name, spec]) => (spec.kind === 'reference' ? [name] : []))),
);

/**
 * Fields that point at another entry and say what a development is about, so a correction may not
 * move them: a correction fixes what was said, it does not re-aim it (`correctable: false`).
 */
export const REFERENCE_FIELDS: readonly string[] = unique(
  DEVELOPMENT_DEFINITIONS.flatMap((definition) =>
    Object.entries(definition.fields).flatMap(([name, spec]) => (spec.kind === 'reference' && !spec.correctable ? [name] : [])),
  ),
);

function unique(names: readonly string[]): string[] {
  return [...new Set(names)];
}
