import { DomainError } from '../errors/domain-error';
import { change } from '../history/format';
import type { MeetingView } from '../state/entities';
import type { StoryState } from '../state/story-state';

/** The rules the developments that act on a meeting share. */

export type Meeting = Omit<MeetingView, 'developmentId'>;

export function existingMeeting(state: StoryState, meetingId: string): Meeting {
  const meeting = state.views.meetings.get(meetingId);
  if (!meeting) throw new DomainError('MeetingNotFound', `No scheduled meeting ${meetingId} in this story`, { meetingId });
  return meeting;
}

/** `action` is what the command would do ("rescheduled"), or undefined when it would do it again. */
export function assertMeetingNotHeld(meetingId: string, meeting: Meeting, action: string | undefined): void {
  if (meeting.status === 'held') {
    const message = action ? `was already held and cannot be ${action}` : 'was already held';
    throw new DomainError('MeetingAlreadyHeld', `Meeting ${meetingId} ${message}`, { meetingId });
  }
}

export function assertMeetingNotCancelled(meetingId: string, meeting: Meeting, action: string | undefined): void {
  if (meeting.status === 'cancelled') {
    const message = action ? `was cancelled and cannot be ${action}` : 'was already cancelled';
    throw new DomainError('MeetingCancelled', `Meeting ${meetingId} ${message}`, { meetingId });
  }
}

/** "Meeting Macron – Putin in Moscow: scheduled → held". */
export function meetingStatusChange(meetingId: string, before: StoryState, after: StoryState, name: string): string {
  const from = before.views.meetings.get(meetingId)?.status ?? 'unknown';
  const to = after.views.meetings.get(meetingId)?.status ?? 'unknown';
  return `Meeting ${name}: ${change(from, to)}`;
}
