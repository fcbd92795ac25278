import fc from 'fast-check';
import { initialStoryState, type DevelopmentRecord, type StoryState } from './story-state';
import { evolve } from '../story.evolve';
import type { RecordedStoryEvent, StoryEvent } from '../events/story-event';
import { isNewerInWorldTime, troopEstimateView, type TroopEstimateView } from './entities';
import { troopEstimateKey } from './troop-estimate-key';

const LOCATIONS = ['north', 'east', 'south'];
const TIMES = ['2022-01-01T00:00:00Z', '2022-01-15T00:00:00Z', '2022-02-01T00:00:00Z', undefined];

type Step =
  | { kind: 'record'; location: number; time: number; count: number }
  | { kind: 'correct'; target: number; location?: number; time?: number; count?: number }
  | { kind: 'retract'; target: number };

const step: fc.Arbitrary<Step> = fc.oneof(
  { weight: 3, arbitrary: fc.record({ kind: fc.constant('record' as const), location: fc.nat(2), time: fc.nat(3), count: fc.integer({ min: 1, max: 9 }) }) },
  {
    weight: 2,
    arbitrary: fc.record(
      { kind: fc.constant('correct' as const), target: fc.nat(50), location: fc.nat(2), time: fc.nat(3), count: fc.integer({ min: 1, max: 9 }) },
      { requiredKeys: ['kind', 'target'] },
    ),
  },
  { weight: 1, arbitrary: fc.record({ kind: fc.constant('retract' as const), target: fc.nat(50) }) },
);

/** What the current estimates must be, computed the slow way: the newest two live estimates of each key. */
function bruteForce(state: StoryState): Record<string, TroopEstimateView> {
  const byKey = new Map<string, DevelopmentRecord[]>();
  for (const record of state.developments.values()) {
    if (record.retraction || record.development.type !== 'troop-estimate') continue;
    const key = troopEstimateKey(record.development.force, record.development.location);
    byKey.set(key, [...(byKey.get(key) ?? []), record]);
  }
  const views: Record<string, TroopEstimateView> = {};
  for (const [key, records] of byKey) {
    const [latest, previous] = records.sort((a, b) => (isNewerInWorldTime(a, b) ? -1 : 1));
    views[key] = troopEstimateView(latest!, previous);
  }
  return views;
}

describe('the troop estimate view, kept up to date event by event', () => {
  it('always equals the newest two live estimates of each force and location, whatever is recorded, corrected or retracted', () => {
    fc.assert(
      fc.property(fc.array(step, { maxLength: 60 }), (steps) => {
        let state = evolve(initialStoryState, { type: 'StoryOpened', data: { storyId: 's', headline: 'h', summary: '', tags: [] }, revision: 1, metadata: { actor: 'a', recordedAt: '2022-03-01T00:00:00.000Z' } });
        const ids: string[] = [];
        for (const current of steps) {
          const event = toEvent(current, ids, state);
          if (!event) continue;
          const revision = state.revision + 1;
          state = evolve(state, { ...event, revision, metadata: { actor: 'a', recordedAt: new Date(Date.UTC(2022, 2, 1) + revision * 1000).toISOString() } } as RecordedStoryEvent);
          expect(state.views.troopEstimates.toObject()).toEqual(bruteForce(state));
        }
      }),
      { numRuns: 300 },
    );
  });
});

function toEvent(current: Step, ids: string[], state: StoryState): StoryEvent | undefined {
  if (current.kind === 'record') {
    const developmentId = `T${ids.length}`;
    ids.push(developmentId);
    const occurredAt = TIMES[current.time];
    return { type: 'TroopEstimateRecorded', data: { developmentId, force: 'Russia', location: LOCATIONS[current.location]!, count: current.count, ...(occurredAt && { occurredAt }) } };
  }
  const developmentId = ids[current.target % Math.max(ids.length, 1)];
  if (!developmentId || state.developments.get(developmentId)?.retraction) return undefined;
  if (current.kind === 'retract') return { type: 'DevelopmentRetracted', data: { developmentId, reason: 'r' } };
  const changes = {
    ...(current.location !== undefined && { location: LOCATIONS[current.location] }),
    ...(current.time !== undefined && TIMES[current.time] && { occurredAt: TIMES[current.time] }),
    ...(current.count !== undefined && { count: current.count }),
  };
  return { type: 'DevelopmentCorrected', data: { developmentId, changes, reason: 'c' } };
}
