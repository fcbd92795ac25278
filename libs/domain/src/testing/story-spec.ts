import assert from 'node:assert/strict';
import type { StoryCommand } from '../commands/story-command';
import { toStoryDocument, type StoryDocument } from '../document/story-document';
import { DomainError, type DomainErrorCode } from '../errors/domain-error';
import type { EventMetadata, RecordedStoryEvent, StoryEvent } from '../events/story-event';
import { initialStoryState, type StoryState } from '../state/story-state';
import { decide } from '../story.decide';
import { fold } from '../story.evolve';

/**
 * Given / when / then for the story decider:
 *
 *   given(opened(), developmentRecorded('m1', meeting)).when(record('h1', held)).then(developmentRecorded('h1', held));
 *   given().when(retract('x', 'wrong')).thenFails('StoryNotFound');
 *   given(opened()).when(revise({ headline: 'New' })).thenState((doc) => expect(doc.headline).toBe('New'));
 *
 * Assertions use `node:assert`, so this file needs no test runner's globals. Never return or `await` a
 * spec: it has a `then` method, and a test runner would take it for a promise.
 */

/** An event for `given`, with some of its metadata fixed (see `at` and `by`). */
export type GivenEvent = StoryEvent & { readonly metadata?: Partial<EventMetadata> };

export type StateAssertion = (document: StoryDocument, state: StoryState) => void;

export const TEST_ACTOR = 'test-editor';
const FIRST_RECORDED_AT = Date.parse('2022-01-10T08:00:00.000Z');
const ONE_MINUTE = 60_000;

/** Record time of the event at `revision` when nobody fixed it: one minute apart from 08:00 on 10 Jan 2022. */
export function defaultRecordedAt(revision: number): string {
  return new Date(FIRST_RECORDED_AT + (revision - 1) * ONE_MINUTE).toISOString();
}

/** The event, recorded at the given time. */
export function at<E extends GivenEvent>(event: E, recordedAt: string): E {
  return { ...event, metadata: { ...event.metadata, recordedAt } };
}

/** The event, recorded by the given actor. */
export function by<E extends GivenEvent>(event: E, actor: string): E {
  return { ...event, metadata: { ...event.metadata, actor } };
}

/** Events as the store gives them back: revisions `afterRevision + 1…`, an actor and a record time each. */
export function recordedEvents(events: readonly GivenEvent[], afterRevision = 0): RecordedStoryEvent[] {
  return events.map(({ metadata, ...event }, index) => {
    const revision = afterRevision + index + 1;
    return {
      ...event,
      revision,
      metadata: { actor: TEST_ACTOR, recordedAt: defaultRecordedAt(revision), ...metadata },
    } as RecordedStoryEvent;
  });
}

/** The state folded from these events. */
export function stateAfter(...events: GivenEvent[]): StoryState {
  return fold(recordedEvents(events), initialStoryState);
}

/** The current-state document folded from these events. */
export function documentAfter(...events: GivenEvent[]): StoryDocument {
  return toStoryDocument(stateAfter(...events));
}

export function given(...history: GivenEvent[]) {
  const state = stateAfter(...history);
  return {
    when: (command: StoryCommand) => whenStep(state, command),
    /** Asserts on the document (and state) the history folds to. */
    thenState(assertion: StateAssertion): void {
      assertion(toStoryDocument(state), state);
    },
  };
}

function whenStep(state: StoryState, command: StoryCommand) {
  return {
    /** Asserts the exact events `decide` returns; `.then()` with none asserts the command changes nothing. */
    then(...expected: StoryEvent[]): void {
      if (expected.some((event) => typeof event === 'function')) {
        throw new TypeError('A story spec was returned from a test or awaited; call .then(...events) instead');
      }
      assert.deepStrictEqual(decide(command, state), expected, `${command.type} decided other events`);
    },
    /** Asserts `decide` refuses the command with a `DomainError` of this code, and returns that error. */
    thenFails(code: DomainErrorCode): DomainError {
      let outcome: string;
      try {
        outcome = `decided ${JSON.stringify(decide(command, state))}`;
      } catch (error) {
        if (error instanceof DomainError && error.code === code) return error;
        outcome = `threw ${error instanceof DomainError ? error.code : String(error)}`;
      }
      assert.fail(`Expected ${command.type} to fail with ${code}, but it ${outcome}`);
    },
    /** Asserts on the document (and state) after the decided events are folded in. */
    thenState(assertion: StateAssertion): void {
      const next = fold(recordedEvents(decide(command, state), state.revision), state);
      assertion(toStoryDocument(next), next);
    },
  };
}
