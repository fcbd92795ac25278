import { DEVELOPMENT_EVENT_TYPES, REFERENCE_FIELDS } from '../events/development';
import { formatPointer, parsePointer } from './json-pointer';

/** What every answer shows where a redacted value stood. */
export const REDACTED_VALUE = '[redacted]';

/** One redaction of a development, as the story keeps it: which fields, why, when and by whom. */
export interface Redaction {
  readonly paths: readonly string[];
  readonly reason: string;
  readonly revision: number;
  readonly at: string;
  readonly by: string;
}

/** Fields that say what a development is or what it acts on: retract the development instead. */
export const UNREDACTABLE_FIELDS: readonly string[] = ['type', 'developmentId', ...REFERENCE_FIELDS];

/** Whether a path is covered by paths already redacted (the same one, or one above it). */
export function isCoveredBy(path: string, redacted: readonly string[]): boolean {
  return redacted.some((done) => path === done || path.startsWith(`${done}/`));
}

/** An event as the store holds it, before any upcasting: what erasure works on. */
export interface StoredStoryEventShape {
  readonly revision: number;
  readonly type: string;
  readonly data: unknown;
}

/** Where, in a story's stored events, a development's values at these paths are: JSON Pointers into each event's data. */
export interface ErasureTarget {
  readonly revision: number;
  readonly pointers: readonly string[];
}

const RECORDING_TYPES: ReadonlySet<string> = new Set(Object.values(DEVELOPMENT_EVENT_TYPES));

/**
 * Every stored event that holds a value of the development at one of the paths: the event that
 * recorded it (its data holds the fields) and each correction of it (under `changes`). Pure: the
 * caller reads the events and hands the targets to the store to erase.
 */
export function erasureTargets(events: Iterable<StoredStoryEventShape>, developmentId: string, paths: readonly string[]): ErasureTarget[] {
  const targets: ErasureTarget[] = [];
  for (const event of events) {
    const data = event.data as Record<string, unknown> | null;
    if (typeof data !== 'object' || data === null || data['developmentId'] !== developmentId) continue;
    if (RECORDING_TYPES.has(event.type)) {
      targets.push({ revision: event.revision, pointers: paths });
    } else if (event.type === 'DevelopmentCorrected') {
      const changes = data['changes'] as Record<string, unknown> | undefined;
      const pointers = paths.filter((path) => changes !== undefined && Object.hasOwn(changes, parsePointer(path)?.[0] ?? '')).map((path) => formatPointer(['changes', ...parsePointer(path)!]));
      if (pointers.length > 0) targets.push({ revision: event.revision, pointers });
    }
  }
  return targets;
}
