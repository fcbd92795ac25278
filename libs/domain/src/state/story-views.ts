import { List, Map as ImmutableMap, OrderedMap } from 'immutable';
import type { Development, DevelopmentType } from '../events/development';
import {
  demandView,
  meetingView,
  troopEstimateView,
  isNewerInWorldTime,
  type DemandView,
  type MeetingView,
  type TroopEstimateView,
} from './entities';
import type { DevelopmentRecord, StoryState } from './story-state';
import { troopEstimateKey } from './troop-estimate-key';

/** A development shown on its own (statements, denials, deployments, notes). */
export type DevelopmentEntry = { readonly developmentId: string; readonly recordedAt: string } & Omit<Development, 'type'>;

export const STANDALONE_COLLECTIONS = {
  statement: 'statements',
  denial: 'denials',
  deployment: 'deployments',
  note: 'notes',
} as const satisfies Partial<Record<DevelopmentType, string>>;

export type StandaloneCollection = (typeof STANDALONE_COLLECTIONS)[keyof typeof STANDALONE_COLLECTIONS];

/**
 * The document's collections, kept up to date event by event so that reading a long story's state
 * costs the size of its document, not the length of its history. Each event refreshes only the
 * entries it touches.
 */
export interface StoryViews {
  readonly troopEstimates: OrderedMap<string, TroopEstimateView>;
  /** Key of each force and location (`troopEstimateKey`) → ids of every estimate recorded for it, to recompute after a correction or retraction. */
  readonly troopEstimateIds: ImmutableMap<string, List<string>>;
  readonly meetings: OrderedMap<string, Omit<MeetingView, 'developmentId'>>;
  readonly demands: OrderedMap<string, Omit<DemandView, 'developmentId'>>;
  readonly entries: Readonly<Record<StandaloneCollection, OrderedMap<string, DevelopmentEntry>>>;
}

export const emptyStoryViews: StoryViews = {
  troopEstimates: OrderedMap(),
  troopEstimateIds: ImmutableMap(),
  meetings: OrderedMap(),
  demands: OrderedMap(),
  entries: { statements: OrderedMap(), denials: OrderedMap(), deployments: OrderedMap(), notes: OrderedMap() },
};

/**
 * Refreshes the entries a development's recording, correction or retraction touches. `before` is the
 * development's record before a correction or retraction (undefined when it was just recorded).
 */
export function refreshViews(state: StoryState, developmentId: string, before?: DevelopmentRecord): StoryState {
  const record = state.developments.get(developmentId);
  if (!record) return state;
  const development = record.development;
  switch (development.type) {
    case 'troop-estimate':
      return { ...state, views: refreshTroopEstimates(state, record, before) };
    case 'meeting-scheduled':
      return refreshMeeting(state, developmentId);
    case 'meeting-rescheduled':
    case 'meeting-held':
    case 'meeting-cancelled':
      return refreshMeeting(state, development.meetingId);
    case 'demand-made':
      return refreshDemand(state, developmentId);
    case 'demand-rejected':
    case 'demand-accepted':
      return refreshDemand(state, development.demandId);
    case 'statement':
    case 'denial':
    case 'deployment':
    case 'note':
      return refreshEntry(state, STANDALONE_COLLECTIONS[development.type], record);
    default:
      return assertNever(development);
  }
}

function refreshMeeting(state: StoryState, meetingId: string): StoryState {
  const view = meetingView(state, meetingId);
  const meetings = view ? state.views.meetings.set(meetingId, withoutId(view)) : state.views.meetings.delete(meetingId);
  return { ...state, views: { ...state.views, meetings } };
}

function refreshDemand(state: StoryState, demandId: string): StoryState {
  const view = demandView(state, demandId);
  const demands = view ? state.views.demands.set(demandId, withoutId(view)) : state.views.demands.delete(demandId);
  return { ...state, views: { ...state.views, demands } };
}

function refreshEntry(state: StoryState, collection: StandaloneCollection, record: DevelopmentRecord): StoryState {
  const current = state.views.entries[collection];
  const updated = record.retraction ? current.delete(record.developmentId) : current.set(record.developmentId, entryOf(record));
  return { ...state, views: { ...state.views, entries: { ...state.views.entries, [collection]: updated } } };
}

/**
 * A new estimate only competes with the current and the superseded one of its force and location.
 * A correction or retraction scans the key's estimates only when it changes that top two in a way
 * the two alone cannot answer (the current one retracted, or moved back in world time).
 */
function refreshTroopEstimates(state: StoryState, record: DevelopmentRecord, before: DevelopmentRecord | undefined): StoryViews {
  const views = state.views;
  const key = keyOf(record);
  if (!before) {
    return {
      ...views,
      troopEstimateIds: views.troopEstimateIds.update(key, List<string>(), (ids) => ids.push(record.developmentId)),
      troopEstimates: views.troopEstimates.set(key, withNewEstimate(state, views.troopEstimates.get(key), record)),
    };
  }
  const oldKey = keyOf(before);
  const troopEstimateIds =
    oldKey === key
      ? views.troopEstimateIds
      : views.troopEstimateIds
          .update(oldKey, List<string>(), (ids) => ids.filter((id) => id !== record.developmentId))
          .update(key, List<string>(), (ids) => ids.push(record.developmentId));
  const wasTopTwo = isTopTwo(views.troopEstimates.get(oldKey), record.developmentId);
  let troopEstimates = views.troopEstimates;
  const rescan = (touched: string) => {
    const view = newestTwoView(state, troopEstimateIds.get(touched) ?? List<string>());
    troopEstimates = view ? troopEstimates.set(touched, view) : troopEstimates.delete(touched);
  };
  if (record.retraction || oldKey !== key) {
    if (wasTopTwo) rescan(oldKey);
    if (!record.retraction) troopEstimates = troopEstimates.set(key, withNewEstimate(state, troopEstimates.get(key), record));
  } else if (!wasTopTwo) {
    troopEstimates = troopEstimates.set(key, withNewEstimate(state, troopEstimates.get(key), record));
  } else if (record.worldTime === before.worldTime) {
    troopEstimates = troopEstimates.set(key, refreshedView(state, troopEstimates.get(key)!));
  } else {
    rescan(key);
  }
  return { ...views, troopEstimateIds, troopEstimates };
}

function isTopTwo(view: TroopEstimateView | undefined, developmentId: string): boolean {
  return view !== undefined && (view.developmentId === developmentId || view.supersedes === developmentId);
}

/** The same current and superseded estimates, with their fields as they read now. */
function refreshedView(state: StoryState, view: TroopEstimateView): TroopEstimateView {
  const previous = view.supersedes !== undefined ? state.developments.get(view.supersedes) : undefined;
  return troopEstimateView(state.developments.get(view.developmentId)!, previous);
}

function withNewEstimate(state: StoryState, current: TroopEstimateView | undefined, record: DevelopmentRecord): TroopEstimateView {
  if (!current) return troopEstimateView(record, undefined);
  const latest = state.developments.get(current.developmentId)!;
  const previous = current.supersedes !== undefined ? state.developments.get(current.supersedes) : undefined;
  if (isNewerInWorldTime(record, latest)) return troopEstimateView(record, latest);
  if (!previous || isNewerInWorldTime(record, previous)) return troopEstimateView(latest, record);
  return current;
}

function newestTwoView(state: StoryState, ids: List<string>): TroopEstimateView | undefined {
  let latest: DevelopmentRecord | undefined;
  let previous: DevelopmentRecord | undefined;
  for (const id of ids) {
    const record = state.developments.get(id);
    if (!record || record.retraction) continue;
    if (!latest || isNewerInWorldTime(record, latest)) [latest, previous] = [record, latest];
    else if (!previous || isNewerInWorldTime(record, previous)) previous = record;
  }
  return latest && troopEstimateView(latest, previous);
}

function keyOf(record: DevelopmentRecord): string {
  const development = record.development;
  if (development.type !== 'troop-estimate') throw new TypeError(`${record.developmentId} is not a troop estimate`);
  return troopEstimateKey(development.force, development.location);
}

function entryOf(record: DevelopmentRecord): DevelopmentEntry {
  const { type: _type, ...fields } = record.development;
  return { developmentId: record.developmentId, ...fields, recordedAt: record.recordedAt };
}

function withoutId<T extends { developmentId: string }>(view: T): Omit<T, 'developmentId'> {
  const { developmentId: _id, ...rest } = view;
  return rest;
}

function assertNever(development: never): never {
  throw new TypeError(`Unhandled development ${JSON.stringify(development)}`);
}
