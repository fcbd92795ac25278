import fc from 'fast-check';
import { isImmutable } from 'immutable';
import type { StoryCommand } from './commands/story-command';
import { toStoryDocument } from './document/story-document';
import { DomainError } from './errors/domain-error';
import type { Development } from './events/development';
import type { RecordedStoryEvent, StoryEvent } from './events/story-event';
import { initialStoryState, type StoryState } from './state/story-state';
import { troopEstimateKeyParts } from './state/troop-estimate-key';
import { decide } from './story.decide';
import { evolve, fold, FoldInPlace } from './story.evolve';
import {
  archive,
  archived,
  correct,
  corrected,
  demand,
  developmentRecorded,
  meeting,
  note,
  open,
  opened,
  publish,
  published,
  record,
  recordedEvents,
  retract,
  retracted,
  revise,
  stateAfter,
  troops,
} from './testing';

/** Freezes plain objects and arrays all the way down; immutable.js collections are persistent already. */
function deepFreeze<T>(value: T): T {
  if (typeof value !== 'object' || value === null || isImmutable(value)) return value;
  Object.values(value).forEach(deepFreeze);
  return Object.freeze(value);
}

const snapshot = (state: StoryState): string => JSON.stringify(state);

describe('FoldInPlace', () => {
  it('gives an ordinary state, and takes no event after it', () => {
    const [opening, first, second] = recordedEvents([opened(), developmentRecorded('d1', note('First')), developmentRecorded('d2', note('Second'))]);
    const inPlace = new FoldInPlace(initialStoryState);
    inPlace.evolve(opening!);
    inPlace.evolve(first!);
    const state = inPlace.state;
    expect(inPlace.state).toBe(state);
    expect(() => inPlace.evolve(second!)).toThrow(/done/);
    // Folded on from, persistently, it stays as it was.
    const before = snapshot(state);
    const next = evolve(state, second!);
    expect([...next.developments.values()].map((record) => record.developmentId)).toEqual(['d1', 'd2']);
    expect(snapshot(state)).toBe(before);
  });
});

describe('evolve', () => {
  describe('is pure: the state passed in is never changed', () => {
    const story = [
      opened({ tags: ['russia'] }),
      developmentRecorded('t1', troops(92_000)),
      developmentRecorded('m1', meeting()),
      developmentRecorded('q1', demand()),
      developmentRecorded('r1', { type: 'demand-rejected', demandId: 'q1', by: ['NATO'] }),
      developmentRecorded('n1', note('Embassy staff leave')),
    ];
    const next: StoryEvent[] = [
      { type: 'HeadlineRevised', data: { headline: 'New' } },
      { type: 'SummaryRevised', data: { summary: 'New' } },
      { type: 'TagsChanged', data: { tags: ['nato'] } },
      developmentRecorded('t2', troops(100_000)),
      developmentRecorded('r2', { type: 'meeting-rescheduled', meetingId: 'm1', scheduledFor: '2022-01-22' }),
      developmentRecorded('h1', { type: 'meeting-held', meetingId: 'm1' }),
      developmentRecorded('c1', { type: 'meeting-cancelled', meetingId: 'm1' }),
      developmentRecorded('a1', { type: 'demand-accepted', demandId: 'q1', by: ['US'] }),
      developmentRecorded('x1', { type: 'denial', by: 'Kremlin', text: 'Untrue', of: 'n1' }),
      corrected('t1', { count: 94_000 }),
      retracted('n1'),
      published(),
      archived(),
    ];

    it.each(next.map((event) => [event.type, event] as const))('%s leaves the state it is given as it was', (_type, event) => {
      const state = deepFreeze(stateAfter(...story));
      const before = snapshot(state);
      const [recorded] = recordedEvents([event], state.revision);

      const after = evolve(state, deepFreeze(recorded!));

      expect(snapshot(state)).toBe(before);
      expect(after).not.toBe(state);
      expect(after.revision).toBe(state.revision + 1);
    });

    it('gives the same state for the same events, however often it is run', () => {
      const events = recordedEvents([...story, ...next.slice(0, 5)]);

      expect(snapshot(fold(events, initialStoryState))).toBe(snapshot(fold(events, initialStoryState)));
    });
  });

  describe('property: folding what decide decides', () => {
    const parties = fc.subarray(['NATO', 'US', 'EU', 'Ukraine'], { minLength: 1 });
    const day = fc.integer({ min: 1, max: 28 }).map((d) => `2022-01-${String(d).padStart(2, '0')}T00:00:00.000Z`);
    const pick = fc.nat();
    const text = fc.constantFrom('Talks', 'No comment', 'Invasion imminent', '');

    /** A write, with `pick` choosing which existing entry it acts on so that most writes are valid. */
    const step = fc.oneof(
      { weight: 10, arbitrary: fc.record({ kind: fc.constant('revise' as const), headline: fc.option(text, { nil: undefined }), tags: fc.option(fc.subarray(['Russia', 'nato', ' NATO ']), { nil: undefined }) }) },
      { weight: 20, arbitrary: fc.record({ kind: fc.constant('troops' as const), force: fc.constantFrom('Russia', 'US', 'Russia|border', 'US\\'), location: fc.constantFrom('border', 'Belarus', 'border|Belarus', '\\Belarus'), count: fc.integer({ min: 1, max: 200_000 }), occurredAt: fc.option(day, { nil: undefined }) }) },
      { weight: 15, arbitrary: fc.record({ kind: fc.constant('meeting' as const) }) },
      { weight: 15, arbitrary: fc.record({ kind: fc.constantFrom('reschedule' as const, 'hold' as const, 'cancel' as const), pick, when: day }) },
      { weight: 15, arbitrary: fc.record({ kind: fc.constant('demand' as const), to: parties }) },
      { weight: 15, arbitrary: fc.record({ kind: fc.constantFrom('reject' as const, 'accept' as const), pick, by: parties }) },
      { weight: 10, arbitrary: fc.record({ kind: fc.constantFrom('statement' as const, 'deployment' as const, 'note' as const), text }) },
      { weight: 10, arbitrary: fc.record({ kind: fc.constant('denial' as const), of: fc.option(pick, { nil: undefined }) }) },
      { weight: 15, arbitrary: fc.record({ kind: fc.constant('correct' as const), pick, field: fc.constantFrom('note', 'occurredAt', 'own'), value: pick, by: parties }) },
      { weight: 10, arbitrary: fc.record({ kind: fc.constant('retract' as const), pick }) },
      { weight: 5, arbitrary: fc.record({ kind: fc.constant('publish' as const) }) },
      { weight: 1, arbitrary: fc.constant({ kind: 'archive' as const }) },
    );
    type Step = typeof step extends fc.Arbitrary<infer S> ? S : never;

    function idOf(state: StoryState, n: number, type?: Development['type']): string {
      const ids = [...state.developments.values()].filter((r) => !type || r.development.type === type).map((r) => r.developmentId);
      return ids.length > 0 ? ids[n % ids.length]! : 'missing';
    }

    function commandOf(s: Step, state: StoryState, newId: string): StoryCommand {
      switch (s.kind) {
        case 'revise':
          return revise({ headline: s.headline, tags: s.tags });
        case 'troops':
          return record(newId, { type: 'troop-estimate', force: s.force, location: s.location, count: s.count, occurredAt: s.occurredAt });
        case 'meeting':
          return record(newId, meeting());
        case 'reschedule':
          return record(newId, { type: 'meeting-rescheduled', meetingId: idOf(state, s.pick, 'meeting-scheduled'), scheduledFor: s.when });
        case 'hold':
          return record(newId, { type: 'meeting-held', meetingId: idOf(state, s.pick, 'meeting-scheduled') });
        case 'cancel':
          return record(newId, { type: 'meeting-cancelled', meetingId: idOf(state, s.pick, 'meeting-scheduled') });
        case 'demand':
          return record(newId, demand({ addressedTo: s.to }));
        case 'reject':
          return record(newId, { type: 'demand-rejected', demandId: idOf(state, s.pick, 'demand-made'), by: s.by });
        case 'accept':
          return record(newId, { type: 'demand-accepted', demandId: idOf(state, s.pick, 'demand-made'), by: s.by });
        case 'statement':
          return record(newId, { type: 'statement', speaker: 'Psaki', text: s.text });
        case 'deployment':
          return record(newId, { type: 'deployment', force: 'US', count: 3_000, destination: 'Poland' });
        case 'note':
          return record(newId, note(s.text));
        case 'denial':
          return record(newId, { type: 'denial', by: 'Kremlin', text: 'Untrue', ...(s.of !== undefined && { of: idOf(state, s.of) }) });
        case 'correct': {
          const id = idOf(state, s.pick);
          const type = state.developments.get(id)?.development.type;
          if (s.field === 'note') return correct(id, { note: `note ${s.value % 3}` });
          if (s.field === 'occurredAt') return correct(id, { occurredAt: `2022-01-${String((s.value % 28) + 1).padStart(2, '0')}` });
          if (type === 'troop-estimate') return correct(id, { count: (s.value % 5) + 1 });
          if (type === 'denial') return correct(id, { of: idOf(state, s.value) });
          if (type === 'demand-accepted' || type === 'demand-rejected') return correct(id, { by: s.by });
          return correct(id, { text: `text ${s.value % 3}` });
        }
        case 'retract':
          return retract(idOf(state, s.pick));
        case 'publish':
          return publish();
        case 'archive':
          return archive();
      }
    }

    it('never throws when folding decided events, and the revision counts the events', () => {
      fc.assert(
        fc.property(fc.array(step, { minLength: 1, maxLength: 60, size: 'max' }), (steps) => {
          let state = initialStoryState;
          const log: RecordedStoryEvent[] = [];
          const commands = [open({ tags: ['Russia'] }), ...steps.map((s, index) => (current: StoryState) => commandOf(s, current, `d${index}`))];
          for (const next of commands) {
            const command = typeof next === 'function' ? next(state) : next;
            let events: StoryEvent[];
            try {
              events = decide(command, state);
            } catch (error) {
              if (error instanceof DomainError) continue; // a rule refused it: nothing is appended
              throw error;
            }
            const recorded = recordedEvents(events, state.revision);
            state = fold(recorded, state);
            log.push(...recorded);
            expect(state.revision).toBe(log.length);
            expect(toStoryDocument(state).revision).toBe(log.length);
          }
          expect(log[0]?.type).toBe('StoryOpened');
          expect(snapshot(fold(log, initialStoryState))).toBe(snapshot(state));
          assertConsistent(state);
          expect(snapshot(foldedInPlace(log, initialStoryState))).toBe(snapshot(state));
          // From a state half way, which the fold in place copies and leaves as it was.
          const half = fold(log.slice(0, log.length >> 1), initialStoryState);
          const halfBefore = snapshot(half);
          expect(snapshot(foldedInPlace(log.slice(log.length >> 1), half))).toBe(snapshot(state));
          expect(snapshot(half)).toBe(halfBefore);
          // In place between checkpoints, as the story loader folds: each frozen state reads as the
          // persistent fold's at its revision, however far the drafts made from it went on.
          const checkpoints = foldedWithCheckpoints(log, 1 + (log.length % 5));
          for (const checkpoint of checkpoints) expect(snapshot(checkpoint)).toBe(snapshot(fold(log.slice(0, checkpoint.revision), initialStoryState)));
          expect(snapshot(checkpoints[checkpoints.length - 1]!)).toBe(snapshot(state));
        }),
        { numRuns: 200 },
      );
    });

    /** Every `every` events a state frozen and a new fold in place started from it; all those states. */
    function foldedWithCheckpoints(events: readonly RecordedStoryEvent[], every: number): StoryState[] {
      const states: StoryState[] = [];
      let inPlace = new FoldInPlace(initialStoryState);
      events.forEach((event, index) => {
        inPlace.evolve(event);
        if ((index + 1) % every !== 0 && index + 1 !== events.length) return;
        states.push(inPlace.state);
        inPlace = new FoldInPlace(inPlace.state);
      });
      return states;
    }

    function foldedInPlace(events: readonly RecordedStoryEvent[], from: StoryState): StoryState {
      const inPlace = new FoldInPlace(from);
      for (const event of events) inPlace.evolve(event);
      return inPlace.state;
    }
  });
});

/** What must hold in any document decide can lead to. */
function assertConsistent(state: StoryState): void {
  const document = toStoryDocument(state);
  expect(new Set(document.retracted).size).toBe(document.retracted.length);
  for (const meeting of Object.values(document.meetings)) expect(['scheduled', 'held', 'cancelled']).toContain(meeting.status);
  for (const demand of Object.values(document.demands)) {
    const expected = demand.rejectedBy.length && demand.acceptedBy.length ? 'mixed' : demand.rejectedBy.length ? 'rejected' : demand.acceptedBy.length ? 'accepted' : 'open';
    expect(demand.status).toBe(expected);
  }
  for (const [key, estimate] of Object.entries(document.troopEstimates)) {
    expect(troopEstimateKeyParts(key)).toEqual({ force: estimate.force, location: estimate.location });
    expect(document.retracted).not.toContain(estimate.developmentId);
  }
  // One entry per force and location with a live estimate: no two pairs share one.
  const livePairs = new Set(
    [...state.developments.values()].flatMap(({ development, retraction }) =>
      development.type === 'troop-estimate' && !retraction ? [JSON.stringify([development.force, development.location])] : [],
    ),
  );
  expect(Object.keys(document.troopEstimates)).toHaveLength(livePairs.size);
  for (const record of state.developments.values()) {
    if (record.development.type !== 'meeting-held' || record.retraction) continue;
    const helds = [...state.developments.values()].filter(
      (other) => !other.retraction && other.development.type === 'meeting-held' && other.development.meetingId === (record.development as { meetingId: string }).meetingId,
    );
    expect(helds).toHaveLength(1);
  }
}
