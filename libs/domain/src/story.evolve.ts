import { developmentTypeOf, isDevelopmentEventType, type Development } from './events/development';
import type { DevelopmentEvent, DevelopmentRedacted, RecordedStoryEvent } from './events/story-event';
import { parsePointer, replaceAt } from './redaction/json-pointer';
import { REDACTED_VALUE, type Redaction } from './redaction/redaction';
import { draftState, frozenState, type DevelopmentRecord, type StoryState } from './state/story-state';
import { refreshViews, targetOf } from './state/story-views';
import { worldTimeOf } from './state/entities';

/**
 * The version of what `evolve` makes: bump it with any change to `evolve`, to what it calls, or to the
 * shape of `StoryState`. Persistent snapshots of states are kept under it (with the codec's version,
 * `STORY_STATE_CODE_VERSION`), so a snapshot folded by other code is rebuilt, never trusted. The digest
 * pinned in snapshot/story-state.codec.unit.spec.ts fails when what evolve makes changes and this did not.
 */
export const STORY_STATE_VERSION = 3;

/** Folds one recorded event into the story's state. Pure: the state passed in is never changed. */
export function evolve(state: StoryState, event: RecordedStoryEvent): StoryState {
  const stamped: StoryState = {
    ...state,
    revision: event.revision,
    updatedAt: event.metadata.recordedAt,
    updatedBy: event.metadata.actor,
  };
  switch (event.type) {
    case 'StoryOpened':
      return {
        ...stamped,
        exists: true,
        id: event.data.storyId,
        headline: event.data.headline,
        summary: event.data.summary,
        tags: event.data.tags,
        status: 'draft',
        createdAt: event.metadata.recordedAt,
      };
    case 'HeadlineRevised':
      return { ...stamped, headline: event.data.headline };
    case 'SummaryRevised':
      return { ...stamped, summary: event.data.summary };
    case 'TagsChanged':
      return { ...stamped, tags: event.data.tags };
    case 'DevelopmentCorrected':
      return updateDevelopment(stamped, event.data.developmentId, (record) => {
        const development = { ...record.development, ...event.data.changes } as Development;
        return { ...record, development, worldTime: worldTimeOf(development, record.recordedAt), corrections: record.corrections + 1 };
      });
    case 'DevelopmentRetracted':
      return {
        ...updateDevelopment(stamped, event.data.developmentId, (record) => ({
          ...record,
          retraction: { reason: event.data.reason, revision: event.revision, at: event.metadata.recordedAt },
        })),
        retracted: stamped.retracted.push(event.data.developmentId),
      };
    case 'DevelopmentRedacted':
      return redactDevelopment(stamped, event);
    case 'StoryPublished':
      return { ...stamped, status: 'published' };
    case 'StoryArchived':
      return { ...stamped, status: 'archived' };
    default:
      // Every development type's event: the registry says what it does to the views.
      if (isDevelopmentEvent(event)) return recordDevelopment(stamped, event);
      return assertNever(event);
  }
}

function isDevelopmentEvent(event: RecordedStoryEvent): event is DevelopmentEvent & RecordedStoryEvent {
  return isDevelopmentEventType(event.type);
}

/** Replays events from a starting state (the empty story unless a snapshot is given). */
export function fold(events: Iterable<RecordedStoryEvent>, from: StoryState): StoryState {
  let state = from;
  for (const event of events) state = evolve(state, event);
  return state;
}

/**
 * A fold whose states in between nobody sees (the audit's replay of a whole stream, the story loader's
 * fold from one checkpoint to the next): its collections are drafts (`LayeredMap.draft`), their changes
 * written in place into native maps at O(1) a change over the state it started from, instead of a new
 * persistent map and state each event. `state` is the end once the events are given, a persistent state
 * sharing structure with the one the fold started from, which stays as it was; the fold takes no event
 * after it (start another from its state).
 */
export class FoldInPlace {
  private current: StoryState;
  private finished: StoryState | undefined;

  constructor(from: StoryState) {
    this.current = draftState(from);
  }

  evolve(event: RecordedStoryEvent): void {
    if (this.finished) throw new TypeError('This fold is done: start another from its state');
    this.current = evolve(this.current, event);
  }

  get state(): StoryState {
    this.finished ??= frozenState(this.current);
    return this.finished;
  }
}

function recordDevelopment(state: StoryState, event: DevelopmentEvent & RecordedStoryEvent): StoryState {
  const { developmentId, ...fields } = event.data;
  const development = { type: developmentTypeOf(event.type), ...fields } as Development;
  const record: DevelopmentRecord = {
    developmentId,
    development,
    revision: event.revision,
    recordedAt: event.metadata.recordedAt,
    recordedBy: event.metadata.actor,
    worldTime: worldTimeOf(development, event.metadata.recordedAt),
    corrections: 0,
  };
  const target = targetOf(development);
  const recorded: StoryState = {
    ...state,
    developments: state.developments.set(developmentId, record),
    related: target
      ? state.related.update(target, [], (ids) => [...ids, developmentId])
      : state.related,
  };
  return refreshViews(recorded, record);
}

/**
 * The development's values at the paths become "[redacted]", as they are in the stored events once the
 * store has erased them: a state folded before the redaction and one folded after are the same.
 */
function redactDevelopment(state: StoryState, event: DevelopmentRedacted & RecordedStoryEvent): StoryState {
  const { developmentId, paths, reason } = event.data;
  const redaction: Redaction = { paths, reason, revision: event.revision, at: event.metadata.recordedAt, by: event.metadata.actor };
  const redacted = updateDevelopment(state, developmentId, (record) => {
    const development = paths.reduce<unknown>((fields, path) => replaceAt(fields, parsePointer(path) ?? [], REDACTED_VALUE), record.development) as Development;
    return { ...record, development, worldTime: worldTimeOf(development, record.recordedAt) };
  });
  return { ...redacted, redactions: redacted.redactions.update(developmentId, [], (earlier) => [...earlier, redaction]) };
}

function updateDevelopment(
  state: StoryState,
  developmentId: string,
  update: (record: DevelopmentRecord) => DevelopmentRecord,
): StoryState {
  const record = state.developments.get(developmentId);
  if (!record) return state;
  const updated = update(record);
  return refreshViews({ ...state, developments: state.developments.set(developmentId, updated) }, updated, record);
}

function assertNever(event: never): never {
  throw new TypeError(`Unhandled event ${JSON.stringify(event)}`);
}
