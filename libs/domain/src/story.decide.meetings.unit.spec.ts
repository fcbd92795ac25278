import {
  developmentRecorded,
  given,
  meeting,
  note,
  opened,
  record,
  retracted,
} from './testing';

describe('decide: meetings', () => {
  const scheduled = [opened(), developmentRecorded('m1', meeting())];
  const held = developmentRecorded('h1', { type: 'meeting-held', meetingId: 'm1' });
  const cancelled = developmentRecorded('c1', { type: 'meeting-cancelled', meetingId: 'm1' });

  describe('a meeting that does not exist', () => {
    it.each([
      ['rescheduled', { type: 'meeting-rescheduled', meetingId: 'nope', scheduledFor: '2022-01-22' }],
      ['held', { type: 'meeting-held', meetingId: 'nope' }],
      ['cancelled', { type: 'meeting-cancelled', meetingId: 'nope' }],
    ] as const)('cannot be %s: MeetingNotFound', (_action, development) => {
      given(...scheduled).when(record('d1', development)).thenFails('MeetingNotFound');
    });

    it('is not a development of another type: a meetingId pointing at a note is MeetingNotFound', () => {
      given(opened(), developmentRecorded('n1', note('Talks planned')))
        .when(record('d1', { type: 'meeting-held', meetingId: 'n1' }))
        .thenFails('MeetingNotFound');
    });

    it('is not a development acting on a meeting: a meetingId pointing at a meeting-held is MeetingNotFound', () => {
      given(...scheduled, held).when(record('d1', { type: 'meeting-cancelled', meetingId: 'h1' })).thenFails('MeetingNotFound');
    });

    it('is not a retracted meeting', () => {
      given(...scheduled, retracted('m1')).when(record('d1', { type: 'meeting-held', meetingId: 'm1' })).thenFails('MeetingNotFound');
    });
  });

  describe('meeting-rescheduled', () => {
    it('reschedules a scheduled meeting', () => {
      given(...scheduled)
        .when(record('r1', { type: 'meeting-rescheduled', meetingId: 'm1', scheduledFor: '2022-01-22' }))
        .then({ type: 'MeetingRescheduled', data: { developmentId: 'r1', meetingId: 'm1', scheduledFor: '2022-01-22' } });
    });

    it('reschedules a meeting more than once', () => {
      given(...scheduled, developmentRecorded('r1', { type: 'meeting-rescheduled', meetingId: 'm1', scheduledFor: '2022-01-22' }))
        .when(record('r2', { type: 'meeting-rescheduled', meetingId: 'm1', scheduledFor: '2022-01-23' }))
        .then({ type: 'MeetingRescheduled', data: { developmentId: 'r2', meetingId: 'm1', scheduledFor: '2022-01-23' } });
    });

    it('refuses a held meeting: MeetingAlreadyHeld', () => {
      given(...scheduled, held).when(record('r1', { type: 'meeting-rescheduled', meetingId: 'm1', scheduledFor: '2022-01-22' })).thenFails('MeetingAlreadyHeld');
    });

    it('refuses a cancelled meeting: MeetingCancelled', () => {
      given(...scheduled, cancelled).when(record('r1', { type: 'meeting-rescheduled', meetingId: 'm1', scheduledFor: '2022-01-22' })).thenFails('MeetingCancelled');
    });
  });

  describe('meeting-held', () => {
    it('holds a scheduled meeting', () => {
      given(...scheduled)
        .when(record('h1', { type: 'meeting-held', meetingId: 'm1', outcome: 'No breakthrough' }))
        .then({ type: 'MeetingHeld', data: { developmentId: 'h1', meetingId: 'm1', outcome: 'No breakthrough' } });
    });

    it('holds a rescheduled meeting', () => {
      given(...scheduled, developmentRecorded('r1', { type: 'meeting-rescheduled', meetingId: 'm1', scheduledFor: '2022-01-22' }))
        .when(record('h1', { type: 'meeting-held', meetingId: 'm1' }))
        .then(held);
    });

    it('refuses a cancelled meeting: MeetingCancelled', () => {
      given(...scheduled, cancelled).when(record('h1', { type: 'meeting-held', meetingId: 'm1' })).thenFails('MeetingCancelled');
    });

    it('refuses a meeting held already: a meeting is held at most once', () => {
      given(...scheduled, held).when(record('h2', { type: 'meeting-held', meetingId: 'm1' })).thenFails('MeetingAlreadyHeld');
    });

    it('holds a meeting again once the first meeting-held was retracted', () => {
      given(...scheduled, held, retracted('h1'))
        .when(record('h2', { type: 'meeting-held', meetingId: 'm1' }))
        .then({ type: 'MeetingHeld', data: { developmentId: 'h2', meetingId: 'm1' } });
    });
  });

  describe('meeting-cancelled', () => {
    it('cancels a scheduled meeting', () => {
      given(...scheduled)
        .when(record('c1', { type: 'meeting-cancelled', meetingId: 'm1', reason: 'Russia withdrew' }))
        .then({ type: 'MeetingCancelled', data: { developmentId: 'c1', meetingId: 'm1', reason: 'Russia withdrew' } });
    });

    it('refuses a held meeting: MeetingAlreadyHeld', () => {
      given(...scheduled, held).when(record('c1', { type: 'meeting-cancelled', meetingId: 'm1' })).thenFails('MeetingAlreadyHeld');
    });

    it('refuses a meeting cancelled already: MeetingCancelled', () => {
      given(...scheduled, cancelled).when(record('c2', { type: 'meeting-cancelled', meetingId: 'm1' })).thenFails('MeetingCancelled');
    });

    it('lets a meeting be held once its cancellation was retracted', () => {
      given(...scheduled, cancelled, retracted('c1')).when(record('h1', { type: 'meeting-held', meetingId: 'm1' })).then(held);
    });
  });
});
