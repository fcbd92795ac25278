import type { DevelopmentRecord, StoryState } from './story-state';

/** A development that is on record and not retracted. */
export function liveDevelopment(state: StoryState, developmentId: string): DevelopmentRecord | undefined {
  const record = state.developments.get(developmentId);
  return record && !record.retraction ? record : undefined;
}

/** The live developments that act on a meeting or demand, in record order. */
export function relatedDevelopments(state: StoryState, entityId: string): DevelopmentRecord[] {
  const ids = state.related.get(entityId) ?? [];
  return ids.flatMap((id) => liveDevelopment(state, id) ?? []);
}
