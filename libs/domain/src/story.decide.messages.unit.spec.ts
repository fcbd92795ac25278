import type { StoryCommand } from './commands/story-command';
import type { DomainErrorCode } from './errors/domain-error';
import { correct, developmentRecorded, given, meeting, opened, record, retract, retracted, troops, type GivenEvent } from './testing';

/** The message of each refusal a second attempt or a retracted development meets, as an editor reads it. */
describe('decide: what a refusal says', () => {
  const estimate = [opened(), developmentRecorded('t1', troops(92_000))];
  const scheduled = [opened(), developmentRecorded('m1', meeting())];
  const held = developmentRecorded('h1', { type: 'meeting-held', meetingId: 'm1' });
  const cancelled = developmentRecorded('c1', { type: 'meeting-cancelled', meetingId: 'm1' });

  const rows: ReadonlyArray<readonly [string, readonly GivenEvent[], StoryCommand, DomainErrorCode, string]> = [
    ['retracting a retracted development', [...estimate, retracted('t1')], retract('t1'), 'DevelopmentRetracted', 'Development t1 was already retracted'],
    ['correcting a retracted development', [...estimate, retracted('t1')], correct('t1', { count: 100_000 }), 'DevelopmentRetracted', 'Development t1 was retracted and cannot be corrected'],
    ['holding a held meeting', [...scheduled, held], record('h2', { type: 'meeting-held', meetingId: 'm1' }), 'MeetingAlreadyHeld', 'Meeting m1 was already held'],
    ['cancelling a held meeting', [...scheduled, held], record('c2', { type: 'meeting-cancelled', meetingId: 'm1' }), 'MeetingAlreadyHeld', 'Meeting m1 was already held and cannot be cancelled'],
    ['cancelling a cancelled meeting', [...scheduled, cancelled], record('c2', { type: 'meeting-cancelled', meetingId: 'm1' }), 'MeetingCancelled', 'Meeting m1 was already cancelled'],
    ['holding a cancelled meeting', [...scheduled, cancelled], record('h2', { type: 'meeting-held', meetingId: 'm1' }), 'MeetingCancelled', 'Meeting m1 was cancelled and cannot be held'],
    [
      'rescheduling a cancelled meeting',
      [...scheduled, cancelled],
      record('r1', { type: 'meeting-rescheduled', meetingId: 'm1', scheduledFor: '2022-01-22' }),
      'MeetingCancelled',
      'Meeting m1 was cancelled and cannot be rescheduled',
    ],
  ];

  it.each(rows)('%s', (_case, history, command, code, message) => {
    expect(given(...history).when(command).thenFails(code).message).toBe(message);
  });
});
