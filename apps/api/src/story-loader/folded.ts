import type { StoryState } from '@story-tracker/domain';

/** A story's state after some revision, with the latest record time (ms) of the events folded into it. */
export interface Folded {
  readonly state: StoryState;
  /** The highest `recordedAt` of revisions 1..state.revision (0 before the first). */
  readonly recordedAt: number;
}

/** The running latest record time after one more event; an unreadable time leaves it as it was. */
export function laterRecordedAt(latest: number, recordedAt: unknown): number {
  const time = typeof recordedAt === 'string' ? Date.parse(recordedAt) : Number.NaN;
  return Number.isNaN(time) ? latest : Math.max(latest, time);
}
