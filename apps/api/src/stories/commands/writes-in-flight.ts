import type { StoryState } from '@story-tracker/domain';

interface InFlight {
  /** The story after every append handed to the store and not yet settled. */
  state: StoryState;
  count: number;
  /** One of them was refused or failed: what was decided on `state` may not hold. */
  failed: boolean;
  readonly settled: Promise<void>;
  readonly resolveSettled: () => void;
}

/**
 * Appends handed to the store and not yet committed, per story: the write path decides the next
 * command on the state that includes them (pipelining) instead of waiting for each commit, so the
 * appends of one story can share a commit (see GroupCommit in the event store). If one of them
 * fails, the ones decided after it fail too (they expect a revision that never came) and are decided
 * again; nothing new is decided on that state until they have all settled.
 */
export class WritesInFlight {
  private readonly stories = new Map<string, InFlight>();

  /** The story after its appends in flight; undefined when there are none or one of them failed. */
  stateAhead(storyId: string): StoryState | undefined {
    const inFlight = this.stories.get(storyId);
    return inFlight && !inFlight.failed ? inFlight.state : undefined;
  }

  /** Resolves once every append in flight for the story has been committed or refused. */
  settled(storyId: string): Promise<void> {
    return this.stories.get(storyId)?.settled ?? Promise.resolve();
  }

  /** Follows an append handed to the store; `stateAfter` is the story once it is committed. */
  track(storyId: string, stateAfter: StoryState, commit: Promise<unknown>): void {
    const inFlight = this.stories.get(storyId) ?? this.start(storyId, stateAfter);
    inFlight.state = stateAfter;
    inFlight.count++;
    const done = (failed: boolean) => {
      if (failed) inFlight.failed = true;
      if (--inFlight.count > 0) return;
      this.stories.delete(storyId);
      inFlight.resolveSettled();
    };
    commit.then(
      () => done(false),
      () => done(true),
    );
  }

  private start(storyId: string, state: StoryState): InFlight {
    let resolveSettled!: () => void;
    const settled = new Promise<void>((resolve) => (resolveSettled = resolve));
    const inFlight: InFlight = { state, count: 0, failed: false, settled, resolveSettled };
    this.stories.set(storyId, inFlight);
    return inFlight;
  }
}
