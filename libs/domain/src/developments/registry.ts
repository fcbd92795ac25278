import type { ActsOnEntity, CreatesEntity, CurrentEstimate, DescribeContext, DevelopmentDefinition, NameContext, OwnEntry, Rules } from './definition';
import { demandAccepted } from './demand-accepted';
import { demandMade } from './demand-made';
import { demandRejected } from './demand-rejected';
import { denial } from './denial';
import { deployment } from './deployment';
import type { FieldSpec } from './field-spec';
import { meetingCancelled } from './meeting-cancelled';
import { meetingHeld } from './meeting-held';
import { meetingRescheduled } from './meeting-rescheduled';
import { meetingScheduled } from './meeting-scheduled';
import { note } from './note';
import { statement } from './statement';
import { troopEstimate } from './troop-estimate';

/**
 * Every development type, by the name editors post (`type`): the one list the rest is derived from.
 * `DevelopmentType`, the fields of each type, the stored event types, the document's collections
 * and the references are all read from here, so a new type is one file and one line below.
 */
export const DEVELOPMENTS = {
  'troop-estimate': troopEstimate,
  'meeting-scheduled': meetingScheduled,
  'meeting-rescheduled': meetingRescheduled,
  'meeting-held': meetingHeld,
  'meeting-cancelled': meetingCancelled,
  'demand-made': demandMade,
  'demand-rejected': demandRejected,
  'demand-accepted': demandAccepted,
  statement,
  denial,
  deployment,
  note,
} as const;

type Registry = typeof DEVELOPMENTS;

export type DevelopmentType = keyof Registry;

type FieldsOf<D> = D extends DevelopmentDefinition<string, infer F, string, infer _P> ? F : never;

/** Development type → its fields. */
export type DevelopmentFieldsByType = { readonly [T in DevelopmentType]: FieldsOf<Registry[T]> };

/** The stored event type of a development type. */
export type DevelopmentEventTypeOf<T extends DevelopmentType> = Registry[T]['eventType'];

/** The collections of the state document that hold developments as their own entries (statements, notes…). */
export type EntryCollection = { [T in DevelopmentType]: Registry[T]['document'] extends OwnEntry<infer C> ? C : never }[DevelopmentType];

/**
 * Fails to compile when a definition is listed under another type's name. That each one is a whole
 * definition of its fields, the annotation on its own `const` makes sure.
 */
type Checked<T extends true> = T;
export type RegistryIsConsistent = Checked<{ [T in DevelopmentType]: Registry[T]['type'] extends T ? true : false }[DevelopmentType]>;

type AnyFields = { readonly type?: never } & Readonly<Record<string, unknown>>;

/**
 * A definition as code that handles every type sees it: fields as plain records. The registry above
 * is what holds each definition to its own fields; this is the one place that lets go of them.
 */
export interface AnyDevelopmentDefinition {
  readonly type: DevelopmentType;
  readonly eventType: string;
  readonly label: string;
  readonly fields: Readonly<Record<string, FieldSpec & { readonly required: boolean }>>;
  readonly document: OwnEntry<EntryCollection> | CreatesEntity<AnyFields> | ActsOnEntity<AnyFields> | CurrentEstimate;
  readonly rules: Rules<AnyFields>;
  describe(data: object, context: DescribeContext): string;
  name(development: object, context: NameContext): string;
  summary?(development: object, context: NameContext): string;
  phrase?(development: object, context: NameContext): string;
  readonly example: Readonly<Record<string, unknown>>;
}

export const DEVELOPMENT_TYPES = Object.keys(DEVELOPMENTS) as DevelopmentType[];

export function definitionOf(type: DevelopmentType): AnyDevelopmentDefinition {
  return DEVELOPMENTS[type] as unknown as AnyDevelopmentDefinition;
}

export const DEVELOPMENT_DEFINITIONS: readonly AnyDevelopmentDefinition[] = DEVELOPMENT_TYPES.map(definitionOf);
