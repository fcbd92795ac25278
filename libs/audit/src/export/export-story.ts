import { storyStreamName } from '@story-tracker/domain';
import type { EventStore } from '@story-tracker/event-store';
import { toRawLogEntry, type RawLogEntry } from './raw-log-entry';

/**
 * A story's raw log, entry by entry in revision order, read lazily from the store (constant memory
 * however long the story). Nothing is upcast or checked: an export shows what is stored.
 */
export async function* exportStory(store: EventStore, storyId: string): AsyncIterable<RawLogEntry> {
  for await (const stored of store.readStream(storyStreamName(storyId))) yield toRawLogEntry(stored);
}
