import { upcastStoryEvent, type RecordedStoryEvent } from '@story-tracker/domain';
import type { StoredEvent } from './event-store.port';

/** A stored event as the domain reads it: upcast to the current shape, with its revision and metadata. */
export function toRecordedStoryEvent(stored: StoredEvent): RecordedStoryEvent {
  const schemaVersion = typeof stored.metadata['schemaVersion'] === 'number' ? stored.metadata['schemaVersion'] : 1;
  const { type, data } = upcastStoryEvent({ type: stored.type, data: stored.data, schemaVersion });
  return { type, data, revision: stored.revision, metadata: stored.metadata } as unknown as RecordedStoryEvent;
}
