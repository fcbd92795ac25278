import type { NewEvent } from '@story-tracker/event-store';

/** What a test story has at a revision past the first: an event's type and data. */
export type DevelopmentAt = (revision: number) => Pick<NewEvent, 'type' | 'data'>;

/**
 * The event at `revision` of a test story: an editor's, recorded a minute after the one before (from
 * `start`), with revision 1 opening the story under `headline` and every later one what `development`
 * says it is.
 */
export function storyEventAt(storyId: string, revision: number, options: { headline: string; development: DevelopmentAt; start?: number }): NewEvent {
  const metadata = { actor: 'editor', recordedAt: new Date((options.start ?? Date.UTC(2022, 0, 1)) + revision * 60_000).toISOString(), schemaVersion: 2 };
  if (revision === 1) return { type: 'StoryOpened', data: { storyId, headline: options.headline, summary: '', tags: [] }, metadata };
  return { ...options.development(revision), metadata };
}
