import { DEVELOPMENT_TYPES, type Development, type DevelopmentOf, type DevelopmentType } from './events/development';
import type { DevelopmentEventOf, StoryEvent } from './events/story-event';
import { demand, developmentRecorded, given, meeting, note, opened, record, retracted } from './testing';

describe('decide: recording developments', () => {
  const source = { name: 'US officials', url: 'https://example.com/officials' };

  // Each development type with every field it may carry, and the stored event it must become.
  const byType = {
    'troop-estimate': [
      { type: 'troop-estimate', force: 'Russia', location: 'Ukrainian border', count: 100_000, qualifier: 'about', capabilityShare: 70, occurredAt: '2022-01-09T12:00:00.000Z', source, note: 'Satellite images' },
      { type: 'TroopEstimateRecorded', data: { developmentId: 'd9', force: 'Russia', location: 'Ukrainian border', count: 100_000, qualifier: 'about', capabilityShare: 70, occurredAt: '2022-01-09T12:00:00.000Z', source, note: 'Satellite images' } },
    ],
    'meeting-scheduled': [
      { type: 'meeting-scheduled', participants: ['Blinken', 'Lavrov'], location: 'Geneva', scheduledFor: '2022-01-21', topic: 'Security guarantees' },
      { type: 'MeetingScheduled', data: { developmentId: 'd9', participants: ['Blinken', 'Lavrov'], location: 'Geneva', scheduledFor: '2022-01-21', topic: 'Security guarantees' } },
    ],
    'meeting-rescheduled': [
      { type: 'meeting-rescheduled', meetingId: 'm1', scheduledFor: '2022-01-22T10:00:00Z', location: 'Vienna' },
      { type: 'MeetingRescheduled', data: { developmentId: 'd9', meetingId: 'm1', scheduledFor: '2022-01-22T10:00:00Z', location: 'Vienna' } },
    ],
    'meeting-held': [
      { type: 'meeting-held', meetingId: 'm1', outcome: 'No breakthrough' },
      { type: 'MeetingHeld', data: { developmentId: 'd9', meetingId: 'm1', outcome: 'No breakthrough' } },
    ],
    'meeting-cancelled': [
      { type: 'meeting-cancelled', meetingId: 'm1', reason: 'Russia withdrew' },
      { type: 'MeetingCancelled', data: { developmentId: 'd9', meetingId: 'm1', reason: 'Russia withdrew' } },
    ],
    'demand-made': [
      { type: 'demand-made', by: 'Russia', addressedTo: ['NATO'], text: 'No further eastward expansion' },
      { type: 'DemandMade', data: { developmentId: 'd9', by: 'Russia', addressedTo: ['NATO'], text: 'No further eastward expansion' } },
    ],
    'demand-rejected': [
      { type: 'demand-rejected', demandId: 'q1', by: ['NATO'], statement: 'A non-starter' },
      { type: 'DemandRejected', data: { developmentId: 'd9', demandId: 'q1', by: ['NATO'], statement: 'A non-starter' } },
    ],
    'demand-accepted': [
      { type: 'demand-accepted', demandId: 'q1', by: ['US'], statement: 'We agree' },
      { type: 'DemandAccepted', data: { developmentId: 'd9', demandId: 'q1', by: ['US'], statement: 'We agree' } },
    ],
    'statement': [
      { type: 'statement', speaker: 'Jen Psaki', text: 'An invasion could come at any time', outlet: 'White House briefing' },
      { type: 'StatementRecorded', data: { developmentId: 'd9', speaker: 'Jen Psaki', text: 'An invasion could come at any time', outlet: 'White House briefing' } },
    ],
    'denial': [
      { type: 'denial', by: 'Kremlin', text: 'We have no plans to invade', of: 'n1' },
      { type: 'DenialRecorded', data: { developmentId: 'd9', by: 'Kremlin', text: 'We have no plans to invade', of: 'n1' } },
    ],
    'deployment': [
      { type: 'deployment', force: 'US', count: 3_000, destination: 'Poland' },
      { type: 'DeploymentRecorded', data: { developmentId: 'd9', force: 'US', count: 3_000, destination: 'Poland' } },
    ],
    'note': [
      { type: 'note', text: 'Embassy families told to leave Kyiv' },
      { type: 'NoteAdded', data: { developmentId: 'd9', text: 'Embassy families told to leave Kyiv' } },
    ],
  } satisfies { readonly [T in DevelopmentType]: readonly [DevelopmentOf<T>, DevelopmentEventOf<T>] };
  const cases = Object.entries(byType).map(([type, [development, event]]) => [type, development as Development, event as StoryEvent] as const);

  const story = [
    opened(),
    developmentRecorded('m1', meeting()),
    developmentRecorded('q1', demand({ addressedTo: ['NATO', 'US'] })),
    developmentRecorded('n1', note('Russia plans to invade')),
  ];

  it.each(cases)('records a %s development as its stored event, with its developmentId in the data', (_type, development, event) => {
    given(...story).when(record('d9', development)).then(event);
  });

  it('covers every development type', () => {
    expect(cases.map(([type]) => type)).toEqual(DEVELOPMENT_TYPES);
  });

  it('records a development with only its required fields', () => {
    given(opened())
      .when(record('d1', { type: 'deployment', force: 'US', count: 3_000, destination: 'Poland' }))
      .then({ type: 'DeploymentRecorded', data: { developmentId: 'd1', force: 'US', count: 3_000, destination: 'Poland' } });
  });

  describe('DevelopmentAlreadyExists', () => {
    it('refuses a developmentId the story already has', () => {
      given(opened(), developmentRecorded('d1', note('First'))).when(record('d1', note('Second'))).thenFails('DevelopmentAlreadyExists');
    });

    it('refuses a developmentId already used by a development of another type', () => {
      given(opened(), developmentRecorded('d1', meeting())).when(record('d1', note('Second'))).thenFails('DevelopmentAlreadyExists');
    });

    it('refuses the id of a retracted development: ids are never reused', () => {
      given(opened(), developmentRecorded('d1', note('First')), retracted('d1')).when(record('d1', note('Second'))).thenFails('DevelopmentAlreadyExists');
    });
  });

  describe('denials', () => {
    it('records a denial without `of`', () => {
      given(opened())
        .when(record('d1', { type: 'denial', by: 'Kremlin', text: 'Hysteria' }))
        .then({ type: 'DenialRecorded', data: { developmentId: 'd1', by: 'Kremlin', text: 'Hysteria' } });
    });

    it('refuses a denial `of` a development the story does not have', () => {
      given(opened()).when(record('d1', { type: 'denial', by: 'Kremlin', text: 'Untrue', of: 'nope' })).thenFails('DeniedDevelopmentNotFound');
    });

    it('refuses a denial `of` a retracted development', () => {
      given(opened(), developmentRecorded('n1', note('Claim')), retracted('n1'))
        .when(record('d1', { type: 'denial', by: 'Kremlin', text: 'Untrue', of: 'n1' }))
        .thenFails('DeniedDevelopmentNotFound');
    });
  });
});
