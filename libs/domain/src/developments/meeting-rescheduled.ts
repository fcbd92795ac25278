import type { DevelopmentCommon } from '../events/development';
import { meetingName } from '../history/development-names';
import { change, sourceSuffix } from '../history/format';
import type { ActsOnEntity, DevelopmentDefinition } from './definition';
import { assertMeetingNotCancelled, assertMeetingNotHeld, existingMeeting } from './meeting-rules';

export interface MeetingRescheduledFields extends DevelopmentCommon {
  readonly meetingId: string;
  readonly scheduledFor: string;
  readonly location?: string;
}

/** A meeting moved to another time, and perhaps another place. */
export const meetingRescheduled: DevelopmentDefinition<'meeting-rescheduled', MeetingRescheduledFields, 'MeetingRescheduled', ActsOnEntity<MeetingRescheduledFields, 'meetings'>> = {
  type: 'meeting-rescheduled',
  eventType: 'MeetingRescheduled',
  label: 'Meeting rescheduled',
  fields: {
    meetingId: { kind: 'reference', label: 'Meeting', required: true, to: 'meeting', correctable: false },
    scheduledFor: { kind: 'time', label: 'New date', required: true },
    location: { kind: 'name', label: 'New location', required: false },
  },
  document: {
    kind: 'acts-on',
    collection: 'meetings',
    via: 'meetingId',
    apply: (meeting, rescheduled) => ({ ...meeting, scheduledFor: rescheduled.scheduledFor, location: rescheduled.location ?? meeting.location }),
  },
  rules: {
    check({ meetingId }, state) {
      const meeting = existingMeeting(state, meetingId);
      assertMeetingNotHeld(meetingId, meeting, 'rescheduled');
      assertMeetingNotCancelled(meetingId, meeting, 'rescheduled');
    },
    recheckWhenCorrected: [],
  },
  describe(data, { before }) {
    const meeting = before.views.meetings.get(data.meetingId);
    const time = change(meeting?.scheduledFor ?? 'unknown', data.scheduledFor);
    const moved = meeting && data.location !== undefined && data.location !== meeting.location ? `, location ${change(meeting.location, data.location)}` : '';
    return `Meeting ${meetingName(before, data.meetingId)} rescheduled: ${time}${moved}${sourceSuffix(data.source)}`;
  },
  name: (rescheduled, { state }) => `rescheduling of meeting ${meetingName(state, rescheduled.meetingId)} to ${rescheduled.scheduledFor}`,
  example: { meetingId: '01JZ6Q3V7C9X4M2B8N5K0T1R6W', scheduledFor: '2022-02-08T10:00:00Z', location: 'Kremlin, Moscow' },
};
