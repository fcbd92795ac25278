/**
 * Developments: the facts of a running story. A development is a discriminated union on `type`
 * (the kebab-case name editors post), and each type is stored as one event type (`eventTypeOf`).
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

export const TROOP_QUALIFIERS = ['about', 'more-than', 'nearly', 'up-to', 'exactly'] as const;
export type TroopQualifier = (typeof TROOP_QUALIFIERS)[number];

export interface TroopEstimateFields extends DevelopmentCommon {
  readonly force: string;
  readonly location: string;
  readonly count: number;
  readonly qualifier?: TroopQualifier;
  /** Share (0-100) of the capability needed, e.g. "70 per cent of the firepower needed". */
  readonly capabilityShare?: number;
}
export interface MeetingScheduledFields extends DevelopmentCommon {
  readonly participants: readonly string[];
  readonly location: string;
  readonly scheduledFor: string;
  readonly topic?: string;
}
export interface MeetingRescheduledFields extends DevelopmentCommon {
  readonly meetingId: string;
  readonly scheduledFor: string;
  readonly location?: string;
}
export interface MeetingHeldFields extends DevelopmentCommon {
  readonly meetingId: string;
  readonly outcome?: string;
}
export interface MeetingCancelledFields extends DevelopmentCommon {
  readonly meetingId: string;
  readonly reason?: string;
}
export interface DemandMadeFields extends DevelopmentCommon {
  readonly by: string;
  readonly addressedTo: readonly string[];
  readonly text: string;
}
export interface DemandAnsweredFields extends DevelopmentCommon {
  readonly demandId: string;
  readonly by: readonly string[];
  readonly statement?: string;
}
export interface StatementFields extends DevelopmentCommon {
  readonly speaker: string;
  readonly text: string;
  readonly outlet?: string;
}
export interface DenialFields extends DevelopmentCommon {
  readonly by: string;
  readonly text: string;
  /** The development being denied. */
  readonly of?: string;
}
export interface DeploymentFields extends DevelopmentCommon {
  readonly force: string;
  readonly count: number;
  readonly destination: string;
}
export interface NoteFields extends DevelopmentCommon {
  readonly text: string;
}

/** Development type → its fields. The single list every other mapping is checked against. */
export interface DevelopmentFieldsByType {
  'troop-estimate': TroopEstimateFields;
  'meeting-scheduled': MeetingScheduledFields;
  'meeting-rescheduled': MeetingRescheduledFields;
  'meeting-held': MeetingHeldFields;
  'meeting-cancelled': MeetingCancelledFields;
  'demand-made': DemandMadeFields;
  'demand-rejected': DemandAnsweredFields;
  'demand-accepted': DemandAnsweredFields;
  statement: StatementFields;
  denial: DenialFields;
  deployment: DeploymentFields;
  note: NoteFields;
}

export type DevelopmentType = keyof DevelopmentFieldsByType;

/** A development as an editor posts it: `{ type, ...fields }`. */
export type Development = {
  [T in DevelopmentType]: { readonly type: T } & DevelopmentFieldsByType[T];
}[DevelopmentType];

export type DevelopmentOf<T extends DevelopmentType> = Extract<Development, { type: T }>;

/** The stored event type of each development type, as it appears in the raw log. */
export const DEVELOPMENT_EVENT_TYPES = {
  'troop-estimate': 'TroopEstimateRecorded',
  'meeting-scheduled': 'MeetingScheduled',
  'meeting-rescheduled': 'MeetingRescheduled',
  'meeting-held': 'MeetingHeld',
  'meeting-cancelled': 'MeetingCancelled',
  'demand-made': 'DemandMade',
  'demand-rejected': 'DemandRejected',
  'demand-accepted': 'DemandAccepted',
  statement: 'StatementRecorded',
  denial: 'DenialRecorded',
  deployment: 'DeploymentRecorded',
  note: 'NoteAdded',
} as const satisfies Record<DevelopmentType, string>;

export type DevelopmentEventType = (typeof DEVELOPMENT_EVENT_TYPES)[DevelopmentType];

export const DEVELOPMENT_TYPES = Object.keys(DEVELOPMENT_EVENT_TYPES) as DevelopmentType[];

const DEVELOPMENT_TYPE_BY_EVENT_TYPE = Object.fromEntries(
  DEVELOPMENT_TYPES.map((type) => [DEVELOPMENT_EVENT_TYPES[type], type]),
) as Record<DevelopmentEventType, DevelopmentType>;

export function developmentTypeOf(eventType: DevelopmentEventType): DevelopmentType {
  return DEVELOPMENT_TYPE_BY_EVENT_TYPE[eventType];
}

export function isDevelopmentEventType(eventType: string): eventType is DevelopmentEventType {
  return eventType in DEVELOPMENT_TYPE_BY_EVENT_TYPE;
}

/**
 * Fields that point at another entry. They say what a development is about, so a correction may not
 * move them: a correction fixes what was said, it does not re-aim it.
 */
export const REFERENCE_FIELDS = ['meetingId', 'demandId'] as const;
