import type { RecordedStoryEvent } from '../events/story-event';
import { upcastStoryEvent } from './story-event.upcaster';

/**
 * A story event as a store hands it back: the least the domain reads of it. The event store's
 * `StoredEvent` has this shape (and more), so a store's events are passed in as they are, and the
 * domain needs nothing of the store.
 */
export interface StoredStoryEvent {
  readonly type: string;
  readonly data: unknown;
  readonly revision: number;
  readonly metadata: Readonly<Record<string, unknown>>;
}

/** A stored event as the domain reads it: upcast to the current shape, with its revision and metadata. */
export function toRecordedStoryEvent(stored: StoredStoryEvent): RecordedStoryEvent {
  const schemaVersion = typeof stored.metadata['schemaVersion'] === 'number' ? stored.metadata['schemaVersion'] : 1;
  const { type, data } = upcastStoryEvent({ type: stored.type, data: stored.data, schemaVersion });
  return { type, data, revision: stored.revision, metadata: stored.metadata } as unknown as RecordedStoryEvent;
}
