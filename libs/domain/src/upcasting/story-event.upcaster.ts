import { UPCASTERS, type Upcaster } from './story-event.upcasters';

/**
 * Events are stored as they were written and never rewritten; an older shape is turned into the
 * current one when it is read. The hash chain covers the stored shape, so upcasting never breaks
 * verification.
 *
 * Each step lifts one version to the next (v1 → v2, later v2 → v3, …), registered per event type in
 * `UPCASTERS`; an event is taken through every step from its version to the current one. A type with
 * no upcaster for a step has the same shape in both versions and passes through unchanged.
 */
export const CURRENT_SCHEMA_VERSION = 2;

export interface VersionedEvent {
  readonly type: string;
  readonly data: unknown;
  /** The schema version the event was written with; events from before versioning count as 1. */
  readonly schemaVersion: number;
}

/** An event that cannot be read: written by newer code, or not in the shape its version promises. */
export class UpcastError extends Error {
  constructor(
    message: string,
    readonly eventType: string,
    readonly schemaVersion: number,
  ) {
    super(message);
    this.name = 'UpcastError';
  }
}

/** The event in the current shape. */
export function upcastStoryEvent(event: VersionedEvent): { type: string; data: unknown } {
  const { type, schemaVersion } = event;
  if (!Number.isInteger(schemaVersion) || schemaVersion < 1) {
    throw new UpcastError(`${type} has schema version ${String(schemaVersion)}; versions start at 1`, type, schemaVersion);
  }
  if (schemaVersion > CURRENT_SCHEMA_VERSION) {
    throw new UpcastError(
      `${type} was written with schema version ${schemaVersion}, newer than this code reads (${CURRENT_SCHEMA_VERSION}); upgrade before reading this stream`,
      type,
      schemaVersion,
    );
  }
  let data = event.data;
  for (let version = schemaVersion; version < CURRENT_SCHEMA_VERSION; version++) {
    const step: Upcaster | undefined = UPCASTERS[version]?.[type];
    if (!step) continue;
    try {
      data = step(data);
    } catch (error) {
      const reason = error instanceof Error ? error.message : String(error);
      throw new UpcastError(`${type} v${version} cannot be read as v${version + 1}: ${reason}`, type, schemaVersion);
    }
  }
  return { type, data };
}
