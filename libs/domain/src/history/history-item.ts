import { isDevelopmentEventType } from '../events/development';
import type { RecordedStoryEvent, StoryEventType } from '../events/story-event';
import type { StoryState } from '../state/story-state';
import { describeEvent } from './describe-event';

/** One line of a story's revision history. */
export interface RevisionHistoryItem {
  readonly revision: number;
  readonly type: StoryEventType;
  readonly actor: string;
  readonly recordedAt: string;
  /** When the development happened in the world, for a development event that says so. */
  readonly occurredAt?: string;
  readonly editSummary?: string;
  readonly description: string;
  /** The development the event records, corrects or retracts. */
  readonly developmentId?: string;
}

/** The history line of one event, given the story as it stood before it. */
export function historyItem(event: RecordedStoryEvent, before: StoryState): RevisionHistoryItem {
  const { actor, recordedAt, editSummary } = event.metadata;
  const developmentId = 'developmentId' in event.data ? event.data.developmentId : undefined;
  const occurredAt = isDevelopmentEventType(event.type) && 'occurredAt' in event.data ? event.data.occurredAt : undefined;
  return {
    revision: event.revision,
    type: event.type,
    actor,
    recordedAt,
    ...(occurredAt !== undefined && { occurredAt }),
    ...(editSummary !== undefined && { editSummary }),
    description: describeEvent(event, before),
    ...(developmentId !== undefined && { developmentId }),
  };
}
