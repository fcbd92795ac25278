import type { DevelopmentOf } from './events/development';
import type { RecordedStoryEvent } from './events/story-event';
import { developmentRecorded, given, opened, recordedEvents, record, stateAfter, troops, type GivenEvent } from './testing';
import { describeEvent } from './history/describe-event';

/**
 * Issue 9: the force "A|B" at "C" and the force "A" at "B|C" once shared the key `A|B|C`, so the second
 * replaced the first in current state and was described as superseding it ("8 → 9").
 */
describe('troop estimates whose names contain the key separator', () => {
  const first = troops(8, { force: 'A|B', location: 'C' });
  const second = troops(9, { force: 'A', location: 'B|C' });

  it('records the second as a development of its own', () => {
    given(opened(), developmentRecorded('t1', first)).when(record('t2', second)).then(developmentRecorded('t2', second));
  });

  it('keeps two entries, each under its own key, neither superseding the other', () => {
    given(opened(), developmentRecorded('t1', first))
      .when(record('t2', second))
      .thenState((document) => {
        expect(document.troopEstimates).toEqual({
          'A\\|B|C': expect.objectContaining({ developmentId: 't1', force: 'A|B', location: 'C', count: 8 }),
          'A|B\\|C': expect.objectContaining({ developmentId: 't2', force: 'A', location: 'B|C', count: 9 }),
        });
        expect(Object.values(document.troopEstimates).some((estimate) => 'supersedes' in estimate)).toBe(false);
      });
  });

  it('describes each as a first figure, and a later figure for the first pair as superseding only it', () => {
    const history: GivenEvent[] = [
      opened(),
      developmentRecorded('t1', first),
      developmentRecorded('t2', second),
      developmentRecorded('t3', troops(10, { force: 'A|B', location: 'C' })),
    ];

    expect(descriptions(history)).toEqual([
      'Troop estimate for A|B in C: 8',
      'Troop estimate for A in B|C: 9',
      'Troop estimate for A|B in C: 8 → 10',
    ]);
    expect(stateAfter(...history).views.troopEstimates.toObject()).toEqual({
      'A\\|B|C': expect.objectContaining({ developmentId: 't3', supersedes: 't1' }),
      'A|B\\|C': expect.not.objectContaining({ supersedes: expect.anything() }),
    });
  });

  it('still supersedes an estimate for the same force and location, backslashes and all', () => {
    const odd: Partial<DevelopmentOf<'troop-estimate'>> = { force: 'A\\', location: '|B' };
    given(opened(), developmentRecorded('t1', troops(8, odd)))
      .when(record('t2', troops(9, odd)))
      .thenState((document) => {
        expect(document.troopEstimates).toEqual({ 'A\\\\|\\|B': expect.objectContaining({ developmentId: 't2', count: 9, supersedes: 't1' }) });
      });
  });
});

/** The description of each development event, against the story just before it. */
function descriptions(history: GivenEvent[]): string[] {
  const recorded = recordedEvents(history);
  return recorded.slice(1).map((event, index) => describeEvent(event as RecordedStoryEvent, stateAfter(...history.slice(0, index + 1))));
}
