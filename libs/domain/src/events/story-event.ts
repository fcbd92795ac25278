import type { DevelopmentEventTypeOf } from '../developments/registry';
import type { DevelopmentFieldsByType, DevelopmentType } from './development';

/** A domain event as `decide` produces it: a name in the past tense and its data. */
export interface DomainEvent<Type extends string, Data> {
  readonly type: Type;
  readonly data: Data;
}

export interface StoryOpenedData {
  readonly storyId: string;
  readonly headline: string;
  readonly summary: string;
  readonly tags: readonly string[];
}

/** A development event's data: the development's fields plus the id the server gave it. */
export type DevelopmentEventData<T extends DevelopmentType> = { readonly developmentId: string } & DevelopmentFieldsByType[T];

/** The stored event of one development type. */
export type DevelopmentEventOf<T extends DevelopmentType> = DomainEvent<DevelopmentEventTypeOf<T>, DevelopmentEventData<T>>;

/** The event of every development type (`developments/registry.ts`). */
export type DevelopmentEvent = { [T in DevelopmentType]: DevelopmentEventOf<T> }[DevelopmentType];

export type StoryOpened = DomainEvent<'StoryOpened', StoryOpenedData>;
export type HeadlineRevised = DomainEvent<'HeadlineRevised', { readonly headline: string }>;
export type SummaryRevised = DomainEvent<'SummaryRevised', { readonly summary: string }>;
export type TagsChanged = DomainEvent<'TagsChanged', { readonly tags: readonly string[] }>;
export type DevelopmentCorrected = DomainEvent<
  'DevelopmentCorrected',
  { readonly developmentId: string; readonly changes: Readonly<Record<string, unknown>>; readonly reason: string }
>;
export type DevelopmentRetracted = DomainEvent<
  'DevelopmentRetracted',
  { readonly developmentId: string; readonly reason: string }
>;
/** Which fields of a development were redacted and why; never the values. */
export type DevelopmentRedacted = DomainEvent<
  'DevelopmentRedacted',
  { readonly developmentId: string; readonly paths: readonly string[]; readonly reason: string }
>;
export type StoryPublished = DomainEvent<'StoryPublished', Record<string, never>>;
export type StoryArchived = DomainEvent<'StoryArchived', Record<string, never>>;

/** Every event a story stream can hold. */
export type StoryEvent =
  | StoryOpened
  | HeadlineRevised
  | SummaryRevised
  | TagsChanged
  | DevelopmentEvent
  | DevelopmentCorrected
  | DevelopmentRetracted
  | DevelopmentRedacted
  | StoryPublished
  | StoryArchived;

export type StoryEventType = StoryEvent['type'];

/** Who recorded an event, when, and why: kept beside the event, never inside its data. */
export interface EventMetadata {
  readonly actor: string;
  /** Record time, ISO-8601 UTC with milliseconds. */
  readonly recordedAt: string;
  readonly editSummary?: string;
  readonly correlationId?: string;
  readonly causationId?: string;
  readonly idempotencyKey?: string;
}

/** An event as read back from the story's stream: its place in the stream and its metadata. */
export type RecordedStoryEvent = StoryEvent & {
  readonly revision: number;
  readonly metadata: EventMetadata;
};
