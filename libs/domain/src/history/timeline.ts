import type { Development, DevelopmentType } from '../events/development';
import type { DevelopmentRecord, StoryState } from '../state/story-state';
import { developmentSummary } from './describe-development';
import { capitalize } from './format';

/** A live development placed in time. */
export interface TimelineEntry {
  readonly developmentId: string;
  readonly type: DevelopmentType;
  /** When it happened in the world, if anybody said. */
  readonly occurredAt?: string;
  readonly recordedAt: string;
  readonly revision: number;
  /** The time it is placed at: `occurredAt`, or `recordedAt` where that is absent (ISO-8601 UTC). */
  readonly worldTime: string;
  /** Recorded after a development that happened later in the world: it arrived out of order. */
  readonly lateRecorded: boolean;
  readonly corrected: boolean;
  readonly description: string;
  /** Its fields as they stand now, corrections applied. */
  readonly development: Development;
}

/**
 * The live (not retracted) developments in world-time order: by `occurredAt`, falling back to the
 * record time, ties by revision. A story is often told out of order; this is the order it happened.
 */
export function timeline(state: StoryState): TimelineEntry[] {
  return recordOrder(state).sort((a, b) => Date.parse(a.worldTime) - Date.parse(b.worldTime) || a.revision - b.revision);
}

/**
 * The same entries in the order they were recorded. An entry is `lateRecorded` when a live
 * development with a smaller revision happened later in the world.
 */
export function recordOrder(state: StoryState): TimelineEntry[] {
  const entries: TimelineEntry[] = [];
  let latestSoFar = -Infinity;
  for (const record of state.developments.values()) {
    if (record.retraction) continue;
    const time = record.worldTime;
    entries.push(entryOf(record, state, time, time < latestSoFar));
    latestSoFar = Math.max(latestSoFar, time);
  }
  return entries;
}


function entryOf(record: DevelopmentRecord, state: StoryState, time: number, lateRecorded: boolean): TimelineEntry {
  const { development } = record;
  return {
    developmentId: record.developmentId,
    type: development.type,
    ...(development.occurredAt !== undefined && { occurredAt: development.occurredAt }),
    recordedAt: record.recordedAt,
    revision: record.revision,
    worldTime: new Date(time).toISOString(),
    lateRecorded,
    corrected: record.corrections > 0,
    // The development's own fields, not what later developments made of the entry it created.
    description: capitalize(developmentSummary(development, state)),
    development,
  };
}
