import { List } from 'immutable';
import { isNewerInWorldTime, troopEstimateView, type TroopEstimateView } from './entities';
import type { DevelopmentRecord, StoryState } from './story-state';
import type { StoryViews } from './story-views';
import { troopEstimateKey } from './troop-estimate-key';

/** The current troop estimate of each force and location, kept up to date event by event. */

/**
 * A new estimate only competes with the current and the superseded one of its force and location.
 * A correction or retraction scans the key's estimates only when it changes that top two in a way
 * the two alone cannot answer (the current one retracted, or moved back in world time).
 */
export function refreshTroopEstimates(state: StoryState, record: DevelopmentRecord, before: DevelopmentRecord | undefined): StoryViews {
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

