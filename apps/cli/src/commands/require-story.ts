import { storyStreamName } from '@story-tracker/domain';
import type { EventStore } from '@story-tracker/event-store';
import { CliUsageError } from '../cli-exit';

/** The story's current revision; an unknown story is a usage error (exit 2), not a broken chain. */
export async function requireStory(store: EventStore, storyId: string): Promise<number> {
  const revision = await store.streamRevision(storyStreamName(storyId));
  if (revision === 0) throw new CliUsageError(`no story "${storyId}" in the event store`);
  return revision;
}
