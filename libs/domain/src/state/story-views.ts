import { type EntityCollection, type EntityViews } from '../developments/definition';
import { DEVELOPMENT_DEFINITIONS, definitionOf, type EntryCollection } from '../developments/registry';
import type { Development } from '../events/development';
import { liveDevelopment, relatedDevelopments } from './development-lookup';
import type { DemandView, MeetingView, TroopEstimateView } from './entities';
import { LayeredMap } from './layered-map';
import type { DevelopmentRecord, StoryState } from './story-state';
import type { EstimateMarks } from './estimate-marks';
import { refreshTroopEstimates } from './troop-estimate-views';

/** A development shown on its own (statements, denials, deployments, notes). */
export type DevelopmentEntry = { readonly developmentId: string; readonly recordedAt: string } & Omit<Development, 'type'>;

/** The collections that hold developments as their own entries, in the order of the registry. */
export const ENTRY_COLLECTIONS: readonly EntryCollection[] = [
  ...new Set(DEVELOPMENT_DEFINITIONS.flatMap(({ document }) => (document.kind === 'entry' ? [document.collection] : []))),
];

/**
 * The document's collections, kept up to date event by event so that reading a long story's state
 * costs the size of its document, not the length of its history. Each event refreshes only the
 * entries it touches; how, each development's definition says (`document`).
 */
export interface StoryViews {
  readonly troopEstimates: LayeredMap<string, TroopEstimateView>;
  /**
   * Key of each force and location (`troopEstimateKey`) → every estimate recorded for it (in record
   * order, as marks: what recomputing its current estimate after a correction or retraction compares).
   */
  readonly troopEstimateMarks: LayeredMap<string, EstimateMarks>;
  readonly meetings: LayeredMap<string, Omit<MeetingView, 'developmentId'>>;
  readonly demands: LayeredMap<string, Omit<DemandView, 'developmentId'>>;
  readonly entries: Readonly<Record<EntryCollection, LayeredMap<string, DevelopmentEntry>>>;
}

export const emptyStoryViews: StoryViews = {
  troopEstimates: LayeredMap.empty(),
  troopEstimateMarks: LayeredMap.empty(),
  meetings: LayeredMap.empty(),
  demands: LayeredMap.empty(),
  entries: Object.fromEntries(ENTRY_COLLECTIONS.map((collection) => [collection, LayeredMap.empty()])) as StoryViews['entries'],
};

/**
 * Refreshes the entries a development's recording, correction or retraction touches. `record` is the
 * development's record as it now stands in `state.developments` (passed in, not looked up again);
 * `before` its record before a correction or retraction (undefined when it was just recorded).
 */
export function refreshViews(state: StoryState, record: DevelopmentRecord, before?: DevelopmentRecord): StoryState {
  const developmentId = record.developmentId;
  const { document } = definitionOf(record.development.type);
  switch (document.kind) {
    case 'current-estimate':
      return { ...state, views: refreshTroopEstimates(state, record, before) };
    case 'creates':
      return refreshEntity(state, document.collection, developmentId);
    case 'acts-on':
      return refreshEntity(state, document.collection, String(fieldsOf(record.development)[document.via]));
    case 'entry':
      return refreshEntry(state, document.collection, record);
    default:
      return assertNever(document);
  }
}

/** The meeting or demand a development acts on, if it acts on one. */
export function targetOf(development: Development): string | undefined {
  const { document } = definitionOf(development.type);
  return document.kind === 'acts-on' ? (fieldsOf(development)[document.via] as string | undefined) : undefined;
}

/**
 * The entry (a meeting, a demand) that a live development created, with every live development that
 * acts on it applied in record order.
 */
export function entityView<C extends EntityCollection>(state: StoryState, collection: C, entityId: string): EntityViews[C] | undefined {
  const created = liveDevelopment(state, entityId)?.development;
  const maker = created && definitionOf(created.type).document;
  if (!created || maker?.kind !== 'creates' || maker.collection !== collection) return undefined;
  let entity = maker.create(fieldsOf(created), entityId) as EntityViews[C];
  for (const { development } of relatedDevelopments(state, entityId)) {
    const acting = definitionOf(development.type).document;
    if (acting.kind === 'acts-on' && acting.collection === collection) entity = acting.apply(entity, fieldsOf(development)) as EntityViews[C];
  }
  return entity;
}

/** The meeting a `meeting-scheduled` development created, with everything done to it since. */
export function meetingView(state: StoryState, meetingId: string): MeetingView | undefined {
  return entityView(state, 'meetings', meetingId);
}

/** The demand a `demand-made` development created, with who rejected or accepted it. */
export function demandView(state: StoryState, demandId: string): DemandView | undefined {
  return entityView(state, 'demands', demandId);
}

function refreshEntity(state: StoryState, collection: EntityCollection, entityId: string): StoryState {
  const view = entityView(state, collection, entityId);
  const current = state.views[collection] as LayeredMap<string, unknown>;
  const updated = view ? current.set(entityId, withoutId(view)) : current.delete(entityId);
  return { ...state, views: { ...state.views, [collection]: updated } };
}

function refreshEntry(state: StoryState, collection: EntryCollection, record: DevelopmentRecord): StoryState {
  const current = state.views.entries[collection];
  const updated = record.retraction ? current.delete(record.developmentId) : current.set(record.developmentId, entryOf(record));
  return { ...state, views: { ...state.views, entries: { ...state.views.entries, [collection]: updated } } };
}

function entryOf(record: DevelopmentRecord): DevelopmentEntry {
  const { type: _type, ...fields } = record.development;
  return { developmentId: record.developmentId, ...fields, recordedAt: record.recordedAt };
}

/** A development's fields as a plain record, as the definitions of every type take them. */
function fieldsOf(development: Development): { readonly type?: never } & Readonly<Record<string, unknown>> {
  return development as unknown as { readonly type?: never } & Readonly<Record<string, unknown>>;
}

function withoutId<T extends { developmentId: string }>(view: T): Omit<T, 'developmentId'> {
  const { developmentId: _id, ...rest } = view;
  return rest;
}

function assertNever(placement: never): never {
  throw new TypeError(`Unhandled placement ${JSON.stringify(placement)}`);
}
