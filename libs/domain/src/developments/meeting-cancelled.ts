import type { DevelopmentCommon } from '../events/development';
import { meetingName } from '../history/development-names';
import { sourceSuffix, truncate } from '../history/format';
import type { ActsOnEntity, DevelopmentDefinition } from './definition';
import { assertMeetingNotCancelled, assertMeetingNotHeld, existingMeeting, meetingStatusChange } from './meeting-rules';

export interface MeetingCancelledFields extends DevelopmentCommon {
  readonly meetingId: string;
  readonly reason?: string;
}

/** A meeting called off before it was held. */
export const meetingCancelled: DevelopmentDefinition<'meeting-cancelled', MeetingCancelledFields, 'MeetingCancelled', ActsOnEntity<MeetingCancelledFields, 'meetings'>> = {
  type: 'meeting-cancelled',
  eventType: 'MeetingCancelled',
  label: 'Meeting cancelled',
  fields: {
    meetingId: { kind: 'reference', label: 'Meeting', required: true, to: 'meeting', correctable: false },
    reason: { kind: 'text', label: 'Reason', required: false },
  },
  document: {
    kind: 'acts-on',
    collection: 'meetings',
    via: 'meetingId',
    apply: (meeting, cancelled) => ({ ...meeting, status: 'cancelled', ...(cancelled.reason !== undefined && { cancellationReason: cancelled.reason }) }),
  },
  rules: {
    check({ meetingId }, state) {
      const meeting = existingMeeting(state, meetingId);
      assertMeetingNotHeld(meetingId, meeting, 'cancelled');
      assertMeetingNotCancelled(meetingId, meeting, undefined);
    },
    recheckWhenCorrected: [],
  },
  describe(data, { before, after }) {
    const reason = data.reason ? ` (reason: ${truncate(data.reason, 80)})` : '';
    return `${meetingStatusChange(data.meetingId, before, after, meetingName(before, data.meetingId))}${reason}${sourceSuffix(data.source)}`;
  },
  name: (cancelled, { state }) => `report that meeting ${meetingName(state, cancelled.meetingId)} was cancelled`,
  example: { meetingId: '01JZ6Q3V7C9X4M2B8N5K0T1R6W', reason: 'Called off by the Kremlin' },
};
