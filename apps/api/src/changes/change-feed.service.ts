import { Injectable } from '@nestjs/common';
import { describeEvent, STORY_STREAM_PREFIX, storyIdOfStream } from '@story-tracker/domain';
import { toRecordedStoryEvent, type StoredEvent } from '@story-tracker/event-store';
import { StoryTimeMachine } from '../history/story-time-machine';

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
  constructor(private readonly stories: StoryTimeMachine) {}

  async describe(events: readonly StoredEvent[]): Promise<ChangeItem[]> {
    const items: ChangeItem[] = [];
    for (const stored of events) {
      if (!stored.streamId.startsWith(STORY_STREAM_PREFIX)) continue;
      const storyId = storyIdOfStream(stored.streamId);
      const event = toRecordedStoryEvent(stored);
      const before = await this.stories.stateAt(storyId, event.revision - 1);
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
    return items;
  }
}
