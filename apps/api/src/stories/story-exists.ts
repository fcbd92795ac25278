import { DomainError, storyStreamName } from '@story-tracker/domain';
import type { EventStore } from '@story-tracker/event-store';

/**
 * 404 for a story that does not exist, from the stream's head alone: for reads that walk the raw
 * stream themselves (audit, export, live), without folding the story first.
 */
export async function assertStoryExists(store: EventStore, storyId: string): Promise<void> {
  if ((await store.streamRevision(storyStreamName(storyId))) === 0) throw new DomainError('StoryNotFound', `No story ${storyId}`, { storyId });
}
