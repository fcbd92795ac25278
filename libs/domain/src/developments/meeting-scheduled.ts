import type { DevelopmentCommon } from '../events/development';
import { meetingName, meetingTitle } from '../history/development-names';
import { sourceSuffix, truncate } from '../history/format';
import { NO_RULES, type CreatesEntity, type DevelopmentDefinition } from './definition';

export interface MeetingScheduledFields extends DevelopmentCommon {
  readonly participants: readonly string[];
  readonly location: string;
  readonly scheduledFor: string;
  readonly topic?: string;
}

/** A meeting to come; it creates the meeting (id = its developmentId) that later developments act on. */
export const meetingScheduled: DevelopmentDefinition<'meeting-scheduled', MeetingScheduledFields, 'MeetingScheduled', CreatesEntity<MeetingScheduledFields, 'meetings'>> = {
  type: 'meeting-scheduled',
  eventType: 'MeetingScheduled',
  label: 'Meeting scheduled',
  fields: {
    participants: { kind: 'names', label: 'Participants', required: true, minItems: 2 },
    location: { kind: 'name', label: 'Location', required: true },
    scheduledFor: { kind: 'time', label: 'Scheduled for', required: true },
    topic: { kind: 'text', label: 'Topic', required: false, short: true },
  },
  document: {
    kind: 'creates',
    collection: 'meetings',
    create: (scheduled, developmentId) => ({
      developmentId,
      participants: scheduled.participants,
      location: scheduled.location,
      scheduledFor: scheduled.scheduledFor,
      status: 'scheduled',
      ...(scheduled.topic !== undefined && { topic: scheduled.topic }),
    }),
  },
  rules: NO_RULES,
  describe(data) {
    const topic = data.topic ? `, topic: ${truncate(data.topic, 80)}` : '';
    return `Meeting ${meetingTitle(data.participants, data.location)} scheduled for ${data.scheduledFor}${topic}${sourceSuffix(data.source)}`;
  },
  name: (meeting, { state, developmentId }) => `meeting ${developmentId ? meetingName(state, developmentId) : meetingTitle(meeting.participants, meeting.location)}`,
  summary: (meeting, context) => `${meetingScheduled.name(meeting, context)} scheduled for ${meeting.scheduledFor}`,
  phrase: (meeting, context) => `${meetingScheduled.name(meeting, context)} scheduled for ${meeting.scheduledFor}`,
  example: { participants: ['Emmanuel Macron', 'Vladimir Putin'], location: 'Moscow', scheduledFor: '2022-02-07', topic: 'De-escalation around Ukraine' },
};
