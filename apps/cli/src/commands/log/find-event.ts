import { storyStreamName } from '@story-tracker/domain';
import type { EventStore, StoredEvent } from '@story-tracker/event-store';
import { CliFailure, CliUsageError } from '../../cli-exit';
import { requireStory } from '../require-story';

/** The story's event at `revision`; an unknown story or a revision past its head is a usage error. */
export async function findEvent(store: EventStore, storyId: string, revision: number): Promise<StoredEvent> {
  const head = await requireStory(store, storyId);
  if (revision > head) throw new CliUsageError(`story "${storyId}" has ${head} revision${head === 1 ? '' : 's'}; there is no revision ${revision}`);
  for await (const event of store.readStream(storyStreamName(storyId), { fromRevision: revision, toRevision: revision })) {
    if (event.revision === revision) return event;
  }
  throw new CliFailure(`story "${storyId}" has no event at revision ${revision}, though its stream goes to ${head}: an event was removed`);
}
