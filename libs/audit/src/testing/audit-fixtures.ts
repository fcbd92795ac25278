import { storyStreamName } from '@story-tracker/domain';
import type { EventStore, NewEvent } from '@story-tracker/event-store';

/** Stored events of a small story, shaped as the API writes them, for the audit's tests. */

export const STORY = 'russia-ukraine-standoff';

const at = (minute: number) => new Date(Date.UTC(2022, 0, 10, 9, minute)).toISOString();

/** An event as the API appends it: metadata with actor, record time and the schema version. */
export function storyEvent(type: string, data: Record<string, unknown>, minute: number, extra: Record<string, unknown> = {}): NewEvent {
  return { type, data, metadata: { actor: 'alice', recordedAt: at(minute), correlationId: `req-${minute}`, schemaVersion: 2, ...extra } };
}

/** Five events: opened, a troop estimate, a meeting, a headline revision, publication. */
export function sampleStory(storyId = STORY): NewEvent[] {
  return [
    storyEvent('StoryOpened', { storyId, headline: 'Russia masses troops near Ukraine', summary: '', tags: ['russia'] }, 0, { editSummary: 'New story' }),
    storyEvent('TroopEstimateRecorded', { developmentId: 'dev-1', force: 'Russia', location: 'Ukrainian border', count: 100000, occurredAt: '2022-01-09T12:00:00.000Z', source: { name: 'US officials' } }, 1, { idempotencyKey: 'key-1' }),
    storyEvent('MeetingScheduled', { developmentId: 'dev-2', participants: ['Blinken', 'Lavrov'], location: 'Geneva', scheduledFor: '2022-01-21' }, 2),
    storyEvent('HeadlineRevised', { headline: 'Russia and the US to meet in Geneva' }, 3),
    storyEvent('StoryPublished', {}, 4),
  ];
}

/** Appends the sample story (or the events given) to a store, one event per append as the API does. */
export async function appendStory(store: EventStore, storyId = STORY, events = sampleStory(storyId)): Promise<void> {
  let revision = await store.streamRevision(storyStreamName(storyId));
  for (const event of events) {
    await store.append(storyStreamName(storyId), [event], { expectedRevision: revision });
    revision += 1;
  }
}
