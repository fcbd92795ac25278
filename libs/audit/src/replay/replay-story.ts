import { FoldInPlace, storyDecider, storyStreamName, toRecordedStoryEvent, type StoryState } from '@story-tracker/domain';
import { ChainVerifier, type ChainVerification, type EventStore } from '@story-tracker/event-store';

export interface ReplayOptions {
  /** Last revision to replay (default: the end of the stream). */
  readonly toRevision?: number;
  /**
   * Fold every event read, also those at and after a break in the chain (default false: only the
   * events that verify are folded, so no altered data ever reaches the state).
   */
  readonly includeUnverified?: boolean;
  /** Called after each event read, with the number read so far (for progress bars). */
  readonly onEvent?: (eventsRead: number) => void;
}

export interface StoryReplay {
  /** The hash chain of the events read. */
  readonly chain: ChainVerification;
  /**
   * The state folded from the empty story: over every event read when the chain holds (or when
   * `includeUnverified`), otherwise over the revisions before `chain.firstBrokenRevision`.
   */
  readonly state: StoryState;
}

/**
 * One pass over a story's stream: each event is checked against the hash chain as stored, then
 * upcast and folded from the empty story, so the state never comes from a cache or a projection.
 * Constant memory apart from the state itself.
 */
export async function replayStory(store: EventStore, storyId: string, options: ReplayOptions = {}): Promise<StoryReplay> {
  const streamId = storyStreamName(storyId);
  const verifier = new ChainVerifier(streamId);
  const range = options.toRevision === undefined ? {} : { toRevision: options.toRevision };
  // No state in between is seen, so the fold writes its collections in place.
  const fold = new FoldInPlace(storyDecider.initialState);
  let read = 0;
  for await (const stored of store.readStream(streamId, range)) {
    const holds = verifier.check(stored);
    read += 1;
    if (holds || options.includeUnverified) fold.evolve(toRecordedStoryEvent(stored));
    options.onEvent?.(read);
  }
  return { chain: verifier.result(), state: fold.state };
}
