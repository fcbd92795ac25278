import { Injectable } from '@nestjs/common';
import { describeEvent, evolve, STORY_STREAM_PREFIX, storyIdOfStream, toRecordedStoryEvent, type StoryState } from '@story-tracker/domain';
import type { StoredEvent } from '@story-tracker/event-store';
import { StoryLoader } from '../story-loader/story-loader.service';

/** One change across all stories, as the change feed and the live streams show it. */
export interface ChangeItem {
  readonly globalPosition: number;
  readonly storyId: string;
  readonly revision: number;
  readonly type: string;
  readonly developmentId?: string;
  readonly description: string;
  readonly actor: string;
  readonly recordedAt: string;
}

/** Describes stored events in words, each against its story as it stood just before it. */
@Injectable()
export class ChangeFeedService {
  constructor(private readonly stories: StoryLoader) {}

  async describe(events: readonly StoredEvent[]): Promise<ChangeItem[]> {
    const items: ChangeItem[] = [];
    // The state after the last event described, per story: the next revision of that story (the
    // common case in a page of changes) is described against it without going back to the store.
    const after = new Map<string, StoryState>();
    // Oldest first, so that each story's revisions follow one another; answered in the order asked.
    for (const stored of [...events].sort((a, b) => a.globalPosition - b.globalPosition)) {
      if (!stored.streamId.startsWith(STORY_STREAM_PREFIX)) continue;
      const storyId = storyIdOfStream(stored.streamId);
      const event = toRecordedStoryEvent(stored);
      const known = after.get(storyId);
      const before = known?.revision === event.revision - 1 ? known : await this.stories.stateAt(storyId, event.revision - 1);
      after.set(storyId, evolve(before, event));
      items.push({
        globalPosition: stored.globalPosition,
        storyId,
        revision: event.revision,
        type: event.type,
        ...('developmentId' in event.data && { developmentId: event.data.developmentId }),
        description: describeEvent(event, before),
        actor: event.metadata.actor,
        recordedAt: event.metadata.recordedAt,
      });
    }
    const order = new Map(events.map((event, index) => [event.globalPosition, index]));
    return items.sort((a, b) => order.get(a.globalPosition)! - order.get(b.globalPosition)!);
  }
}
