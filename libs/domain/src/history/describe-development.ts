import { definitionOf } from '../developments/registry';
import { developmentTypeOf, type Development } from '../events/development';
import type { DevelopmentEvent, RecordedStoryEvent } from '../events/story-event';
import type { DevelopmentRecord, StoryState } from '../state/story-state';
import { evolve } from '../story.evolve';

export { demandName, estimateName, meetingName, meetingTitle, troopsName } from './development-names';

/**
 * How developments read in one line, each as its definition says (`developments/`): its name, its
 * summary for the timeline, its phrase for a retraction, and the account of its event.
 */

/**
 * A development named in lower case, without the values a correction may change where it can
 * ("troop estimate for Russia near the Ukrainian border", "statement by Jen Psaki “…”").
 */
export function developmentName(development: Development, state: StoryState, developmentId?: string): string {
  return definitionOf(development.type).name(development, contextOf(state, developmentId));
}

/**
 * A development with its main figure as a phrase for running text, for a retraction: "troop estimate of
 * 100,000 for Russia near the Ukrainian border, according to US officials", "note “…”".
 */
export function developmentPhrase(development: Development, state: StoryState, developmentId?: string): string {
  const definition = definitionOf(development.type);
  return (definition.phrase ?? definition.name)(development, contextOf(state, developmentId));
}

/** A development with its main figure, for a timeline entry. */
export function developmentSummary(development: Development, state: StoryState, developmentId?: string): string {
  const definition = definitionOf(development.type);
  return (definition.summary ?? definition.name)(development, contextOf(state, developmentId));
}

/** The one-line account of a development event, given the story just before it. */
export function describeDevelopmentEvent(event: DevelopmentEvent & RecordedStoryEvent, before: StoryState): string {
  let after: StoryState | undefined;
  return definitionOf(developmentTypeOf(event.type)).describe(event.data, {
    before,
    get after() {
      return (after ??= evolve(before, event));
    },
    nameOf: (record: DevelopmentRecord) => developmentName(record.development, before, record.developmentId),
  });
}

function contextOf(state: StoryState, developmentId: string | undefined) {
  return developmentId === undefined ? { state } : { state, developmentId };
}
