import { isNewerInWorldTime, troopEstimateView, type TroopEstimateView } from './entities';
import { EstimateMarks, type EstimateMark } from './estimate-marks';
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
  const mark = markOf(record);
  if (!before) {
    return {
      ...views,
      troopEstimateMarks: views.troopEstimateMarks.update(key, EstimateMarks.empty(), (marks) => marks.push(mark)),
      troopEstimates: views.troopEstimates.set(key, withNewEstimate(state, views.troopEstimates.get(key), record)),
    };
  }
  const oldKey = keyOf(before);
  const troopEstimateMarks =
    oldKey === key
      ? views.troopEstimateMarks.update(key, EstimateMarks.empty(), (marks) => marks.withMark(mark))
      : views.troopEstimateMarks
          .update(oldKey, EstimateMarks.empty(), (marks) => marks.without(record.developmentId))
          .update(key, EstimateMarks.empty(), (marks) => marks.push(mark));
  const wasTopTwo = isTopTwo(views.troopEstimates.get(oldKey), record.developmentId);
  let troopEstimates = views.troopEstimates;
  const rescan = (touched: string) => {
    const view = newestTwoView(state, troopEstimateMarks.get(touched) ?? EstimateMarks.empty());
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
  return { ...views, troopEstimateMarks, troopEstimates };
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

function newestTwoView(state: StoryState, marks: EstimateMarks): TroopEstimateView | undefined {
  let latest: EstimateMark | undefined;
  let previous: EstimateMark | undefined;
  for (const mark of marks) {
    if (mark.retracted) continue;
    if (!latest || isNewerInWorldTime(mark, latest)) [latest, previous] = [mark, latest];
    else if (!previous || isNewerInWorldTime(mark, previous)) previous = mark;
  }
  const recordOf = (picked: EstimateMark) => state.developments.get(picked.developmentId)!;
  return latest && troopEstimateView(recordOf(latest), previous && recordOf(previous));
}

function markOf({ developmentId, worldTime, revision, retraction }: DevelopmentRecord): EstimateMark {
  return { developmentId, worldTime, revision, retracted: retraction !== undefined };
}

function keyOf(record: DevelopmentRecord): string {
  const development = record.development;
  if (development.type !== 'troop-estimate') throw new TypeError(`${record.developmentId} is not a troop estimate`);
  return troopEstimateKey(development.force, development.location);
}

