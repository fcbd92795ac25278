import type {
  ArchiveStory,
  CorrectDevelopment,
  OpenStory,
  PublishStory,
  RecordDevelopment,
  RetractDevelopment,
  ReviseStory,
} from '../commands/story-command';
import { DEVELOPMENT_EVENT_TYPES, type Development, type DevelopmentOf } from '../events/development';
import type {
  DevelopmentCorrected,
  DevelopmentEvent,
  DevelopmentRetracted,
  StoryArchived,
  StoryOpened,
  StoryOpenedData,
  StoryPublished,
} from '../events/story-event';

/** Short builders for the events and commands of story specs. */

export const STORY_ID = 'russia-ukraine-standoff';

// Developments

export function troops(count: number, more: Partial<DevelopmentOf<'troop-estimate'>> = {}): DevelopmentOf<'troop-estimate'> {
  return { type: 'troop-estimate', force: 'Russia', location: 'Ukrainian border', count, ...more };
}

export function meeting(more: Partial<DevelopmentOf<'meeting-scheduled'>> = {}): DevelopmentOf<'meeting-scheduled'> {
  return { type: 'meeting-scheduled', participants: ['Blinken', 'Lavrov'], location: 'Geneva', scheduledFor: '2022-01-21', ...more };
}

export function demand(more: Partial<DevelopmentOf<'demand-made'>> = {}): DevelopmentOf<'demand-made'> {
  return { type: 'demand-made', by: 'Russia', addressedTo: ['NATO', 'US'], text: 'No further eastward expansion of NATO', ...more };
}

export const note = (text: string): DevelopmentOf<'note'> => ({ type: 'note', text });

// Events

export function opened(data: Partial<StoryOpenedData> = {}): StoryOpened {
  return {
    type: 'StoryOpened',
    data: { storyId: STORY_ID, headline: 'Russia masses troops near Ukraine', summary: '', tags: [], ...data },
  };
}

/** The stored event of a development: its event type, its fields and its id. */
export function developmentRecorded(developmentId: string, development: Development): DevelopmentEvent {
  const { type, ...fields } = development;
  return { type: DEVELOPMENT_EVENT_TYPES[type], data: { developmentId, ...fields } } as DevelopmentEvent;
}

export function corrected(developmentId: string, changes: Record<string, unknown>, reason = 'Wrong figure'): DevelopmentCorrected {
  return { type: 'DevelopmentCorrected', data: { developmentId, changes, reason } };
}

export function retracted(developmentId: string, reason = 'Could not be confirmed'): DevelopmentRetracted {
  return { type: 'DevelopmentRetracted', data: { developmentId, reason } };
}

export const published = (): StoryPublished => ({ type: 'StoryPublished', data: {} });
export const archived = (): StoryArchived => ({ type: 'StoryArchived', data: {} });

// Commands

export function open(data: Partial<OpenStory['data']> = {}): OpenStory {
  return { type: 'OpenStory', data: { storyId: STORY_ID, headline: 'Russia masses troops near Ukraine', ...data } };
}

export const revise = (data: ReviseStory['data']): ReviseStory => ({ type: 'ReviseStory', data });

export function record(developmentId: string, development: Development): RecordDevelopment {
  return { type: 'RecordDevelopment', data: { developmentId, development } };
}

export function correct(developmentId: string, changes: Record<string, unknown>, reason = 'Wrong figure'): CorrectDevelopment {
  return { type: 'CorrectDevelopment', data: { developmentId, changes, reason } };
}

export function retract(developmentId: string, reason = 'Could not be confirmed'): RetractDevelopment {
  return { type: 'RetractDevelopment', data: { developmentId, reason } };
}

export const publish = (): PublishStory => ({ type: 'PublishStory', data: {} });
export const archive = (): ArchiveStory => ({ type: 'ArchiveStory', data: {} });
