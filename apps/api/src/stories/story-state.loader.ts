import { Inject, Injectable } from '@nestjs/common';
import { evolve, initialStoryState, storyStreamName, type RecordedStoryEvent, type StoryState } from '@story-tracker/domain';
import type { EventStore, StoredEvent } from '@story-tracker/event-store';
import { EVENT_STORE } from '../event-store/event-store.tokens';

const CACHED_STORIES = 256;

/**
 * Loads a story's current state. The last state of recently used stories is kept, and only the
 * events after it are read, so a write to a long story does not replay it from the start. The cache
 * is only a head start: the tail always comes from the store, so it is never stale.
 */
@Injectable()
export class StoryStateLoader {
  private readonly cache = new Map<string, StoryState>();

  constructor(@Inject(EVENT_STORE) private readonly store: EventStore) {}

  async load(storyId: string): Promise<StoryState> {
    const cached = this.cache.get(storyId) ?? initialStoryState;
    let state = cached;
    for await (const stored of this.store.readStream(storyStreamName(storyId), { fromRevision: cached.revision + 1 })) {
      state = evolve(state, toRecordedStoryEvent(stored));
    }
    if (state.exists) this.remember(storyId, state);
    return state;
  }

  private remember(storyId: string, state: StoryState): void {
    this.cache.delete(storyId);
    this.cache.set(storyId, state);
    if (this.cache.size > CACHED_STORIES) this.cache.delete(this.cache.keys().next().value!);
  }
}

/** A stored event as the domain reads it. */
export function toRecordedStoryEvent(stored: StoredEvent): RecordedStoryEvent {
  return { type: stored.type, data: stored.data, revision: stored.revision, metadata: stored.metadata } as unknown as RecordedStoryEvent;
}
