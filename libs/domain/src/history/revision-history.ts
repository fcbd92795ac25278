import { isDevelopmentEventType } from '../events/development';
import type { RecordedStoryEvent, StoryEventType } from '../events/story-event';
import { initialStoryState, type StoryState } from '../state/story-state';
import { evolve } from '../story.evolve';
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

export interface RevisionHistoryPage {
  readonly items: readonly RevisionHistoryItem[];
  /** The `from` of the next page, when there are events after this one. */
  readonly nextFrom?: number;
}

export const DEFAULT_HISTORY_LIMIT = 50;

/**
 * The revision history from revision `from`, at most `limit` items. Every event before `from` is
 * folded (a description needs the story as it stood) but only the page is described, and the events
 * are read no further than one past the page.
 */
export function revisionHistory(events: Iterable<RecordedStoryEvent>, from = 1, limit = DEFAULT_HISTORY_LIMIT): RevisionHistoryPage {
  if (!Number.isInteger(from) || from < 1) throw new RangeError(`from must be a positive integer, not ${from}`);
  if (!Number.isInteger(limit) || limit < 1) throw new RangeError(`limit must be a positive integer, not ${limit}`);
  const items: RevisionHistoryItem[] = [];
  let state: StoryState = initialStoryState;
  for (const event of events) {
    if (event.revision >= from) {
      if (items.length === limit) return { items, nextFrom: event.revision };
      items.push(historyItem(event, state));
    }
    state = evolve(state, event);
  }
  return { items };
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
