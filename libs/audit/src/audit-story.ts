import type { EventStore } from '@story-tracker/event-store';
import { replayStory } from './replay/replay-story';
import { stateHashOf } from './state-hash';

/** The answer of `GET /stories/{id}/audit`. */
export interface StoryAudit {
  readonly verified: boolean;
  /** Events in the stream as stored (all of them, also after a break). */
  readonly events: number;
  readonly firstBrokenRevision?: number;
  /** What is wrong at `firstBrokenRevision`, in one line. */
  readonly problem?: string;
  /**
   * SHA-256 (hex) of the RFC 8785 canonical JSON of the state document replayed from scratch. On a
   * broken chain it covers only the revisions before `firstBrokenRevision`: altered data is never
   * folded, so the hash always stands for history that verifies.
   */
  readonly stateHash: string;
}

export interface AuditOptions {
  /** Called after each event read, with the number read so far (for progress bars). */
  readonly onEvent?: (eventsRead: number) => void;
}

/**
 * Audits a story in one pass over its stream: the hash chain recomputed from the events as stored,
 * and the state replayed from the empty story. A story with no events gives `events: 0`; telling
 * that apart from an unknown story (404) is the caller's job.
 */
export async function auditStory(store: EventStore, storyId: string, options: AuditOptions = {}): Promise<StoryAudit> {
  const { chain, state } = await replayStory(store, storyId, options.onEvent ? { onEvent: options.onEvent } : {});
  return { ...chain, stateHash: stateHashOf(state) };
}
