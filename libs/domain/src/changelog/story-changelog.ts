import type { RecordedStoryEvent } from '../events/story-event';
import { initialStoryState, type StoryState } from '../state/story-state';
import { evolve } from '../story.evolve';
import { changelogItem, type ChangelogItem } from './changelog-item';
import { withRedactionsApplied } from './redacted-events';

/** What readers are told changed after publication, and the story as it then stands. */
export interface Changelog {
  /** Newest first. */
  readonly items: readonly ChangelogItem[];
  /** The story after the last event given. */
  readonly state: StoryState;
}

/** The revision and record time of a story's first publication. */
export interface Publication {
  readonly revision: number;
  readonly at: string;
}

/**
 * The readers' changelog from every event of a story: one item for each event after its first
 * `StoryPublished` that changes what readers read (corrections, retractions, developments, headline
 * and summary), newest first; `publication` is absent, and there are no items, for a story never published.
 */
export function storyChangelog(events: Iterable<RecordedStoryEvent>): Changelog & { readonly publication?: Publication } {
  const all = withRedactionsApplied([...events]);
  let state = initialStoryState;
  for (const [index, event] of all.entries()) {
    state = evolve(state, event);
    if (event.type === 'StoryPublished') {
      return { ...wordedAfter(state, all.slice(index + 1)), publication: { revision: event.revision, at: event.metadata.recordedAt } };
    }
  }
  return { items: [], state };
}

/**
 * The same, from the story as it stood right after its first publication (`published`, folded from
 * the store's events, so already without what any redaction took out) and the events recorded after
 * it, in order: a read that starts from a snapshot instead of folding the whole story.
 */
export function changelogAfter(published: StoryState, eventsAfter: Iterable<RecordedStoryEvent>): Changelog {
  return wordedAfter(published, withRedactionsApplied([...eventsAfter]));
}

function wordedAfter(published: StoryState, events: readonly RecordedStoryEvent[]): Changelog {
  const items: ChangelogItem[] = [];
  let state = published;
  for (const event of events) {
    const item = changelogItem(event, state);
    if (item) items.push(item);
    state = evolve(state, event);
  }
  return { items: items.reverse(), state };
}
