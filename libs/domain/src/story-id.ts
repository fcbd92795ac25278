/** A story's id is the slug its editor chose: lowercase letters, digits and single hyphens, 3 to 80 characters. */
export const STORY_SLUG_PATTERN = /^(?=.{3,80}$)[a-z0-9]+(?:-[a-z0-9]+)*$/;

export function isStorySlug(value: string): boolean {
  return STORY_SLUG_PATTERN.test(value);
}

/** The one place a story's stream name is made. */
export function storyStreamName(storyId: string): string {
  return `story-${storyId}`;
}

export const STORY_STREAM_PREFIX = 'story-';

export function storyIdOfStream(streamName: string): string {
  return streamName.slice(STORY_STREAM_PREFIX.length);
}
