import type { DevelopmentCommon } from '../events/development';
import { meetingName } from '../history/development-names';
import { sourceSuffix, truncate } from '../history/format';
import type { ActsOnEntity, DevelopmentDefinition } from './definition';
import { assertMeetingNotCancelled, assertMeetingNotHeld, existingMeeting, meetingStatusChange } from './meeting-rules';

export interface MeetingHeldFields extends DevelopmentCommon {
  readonly meetingId: string;
  readonly outcome?: string;
}

/** A meeting took place (at most once), perhaps with an outcome. */
export const meetingHeld: DevelopmentDefinition<'meeting-held', MeetingHeldFields, 'MeetingHeld', ActsOnEntity<MeetingHeldFields, 'meetings'>> = {
  type: 'meeting-held',
  eventType: 'MeetingHeld',
  label: 'Meeting held',
  fields: {
    meetingId: { kind: 'reference', label: 'Meeting', required: true, to: 'meeting', correctable: false },
    outcome: { kind: 'text', label: 'Outcome', required: false },
  },
  document: {
    kind: 'acts-on',
    collection: 'meetings',
    via: 'meetingId',
    apply: (meeting, held) => ({ ...meeting, status: 'held', ...(held.outcome !== undefined && { outcome: held.outcome }) }),
  },
  rules: {
    check({ meetingId }, state) {
      const meeting = existingMeeting(state, meetingId);
      assertMeetingNotCancelled(meetingId, meeting, 'held');
      assertMeetingNotHeld(meetingId, meeting, undefined);
    },
    recheckWhenCorrected: [],
  },
  describe(data, { before, after }) {
    const outcome = data.outcome ? `; outcome: ${truncate(data.outcome, 80)}` : '';
    return `${meetingStatusChange(data.meetingId, before, after, meetingName(before, data.meetingId))}${outcome}${sourceSuffix(data.source)}`;
  },
  name: (held, { state }) => `report that meeting ${meetingName(state, held.meetingId)} was held`,
  example: { meetingId: '01JZ6Q3V7C9X4M2B8N5K0T1R6W', outcome: 'Talks lasted more than five hours' },
};
