import type { StoryCommand } from './commands/story-command';
import type { Decider } from './decider';
import type { RecordedStoryEvent, StoryEvent } from './events/story-event';
import { initialStoryState, type StoryState } from './state/story-state';
import { decide } from './story.decide';
import { evolve } from './story.evolve';

/** The story's decider as one value: what a handler loads, folds and decides with. */
export const storyDecider: Decider<StoryCommand, StoryEvent, StoryState, RecordedStoryEvent> = {
  decide,
  evolve,
  initialState: initialStoryState,
} as const;
