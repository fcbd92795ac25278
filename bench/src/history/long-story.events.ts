import { DEVELOPMENT_EVENT_TYPES, type DevelopmentEvent, type StoryCommand, type StoryEvent } from '@story-tracker/domain';

/**
 * The events `decide` gives for one of the mix's commands, without the story's state: the mix only
 * sends commands the rules accept (it keeps its own lists of open meetings, open demands and live
 * entries), so the outcome is known. Folding 100,000 events to check every command costs about
 * 15 s more on the development machines (see bench/README.md), so the fixture does it only when
 * BENCH_CHECK_LONG_STORY=1, and then compares with this.
 */
export function eventsOf(command: StoryCommand): StoryEvent[] {
  switch (command.type) {
    case 'OpenStory': {
      const { storyId, headline, summary = '', tags = [] } = command.data;
      return [{ type: 'StoryOpened', data: { storyId, headline, summary, tags } }];
    }
    case 'ReviseStory': {
      const { headline, summary } = command.data;
      return [
        ...(headline !== undefined ? [{ type: 'HeadlineRevised', data: { headline } } as const] : []),
        ...(summary !== undefined ? [{ type: 'SummaryRevised', data: { summary } } as const] : []),
      ];
    }
    case 'RecordDevelopment': {
      const { type, ...fields } = command.data.development;
      return [{ type: DEVELOPMENT_EVENT_TYPES[type], data: { developmentId: command.data.developmentId, ...fields } } as DevelopmentEvent];
    }
    case 'CorrectDevelopment':
      return [{ type: 'DevelopmentCorrected', data: command.data }];
    case 'RetractDevelopment':
      return [{ type: 'DevelopmentRetracted', data: command.data }];
    case 'RedactDevelopment':
      return [{ type: 'DevelopmentRedacted', data: command.data }];
    case 'PublishStory':
      return [{ type: 'StoryPublished', data: {} }];
    case 'ArchiveStory':
      return [{ type: 'StoryArchived', data: {} }];
  }
}
