import type { Development } from '../events/development';

/**
 * Commands are data. The actor, the clock and new ids arrive with the command, so `decide` stays
 * deterministic.
 */
export interface OpenStory {
  readonly type: 'OpenStory';
  readonly data: { readonly storyId: string; readonly headline: string; readonly summary?: string; readonly tags?: readonly string[] };
}
export interface ReviseStory {
  readonly type: 'ReviseStory';
  readonly data: { readonly headline?: string; readonly summary?: string; readonly tags?: readonly string[] };
}
export interface RecordDevelopment {
  readonly type: 'RecordDevelopment';
  readonly data: { readonly developmentId: string; readonly development: Development };
}
export interface CorrectDevelopment {
  readonly type: 'CorrectDevelopment';
  readonly data: { readonly developmentId: string; readonly changes: Readonly<Record<string, unknown>>; readonly reason: string };
}
export interface RetractDevelopment {
  readonly type: 'RetractDevelopment';
  readonly data: { readonly developmentId: string; readonly reason: string };
}
/** Values of a development's fields taken out of the record for good (a source to protect, a court order). */
export interface RedactDevelopment {
  readonly type: 'RedactDevelopment';
  readonly data: { readonly developmentId: string; readonly paths: readonly string[]; readonly reason: string };
}
export interface PublishStory {
  readonly type: 'PublishStory';
  readonly data: Record<string, never>;
}
export interface ArchiveStory {
  readonly type: 'ArchiveStory';
  readonly data: Record<string, never>;
}

export type StoryCommand =
  | OpenStory
  | ReviseStory
  | RecordDevelopment
  | CorrectDevelopment
  | RetractDevelopment
  | RedactDevelopment
  | PublishStory
  | ArchiveStory;

export type StoryCommandType = StoryCommand['type'];
