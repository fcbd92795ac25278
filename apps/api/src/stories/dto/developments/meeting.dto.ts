import { DevelopmentBaseDto } from '../development-base.dto';
import { DateOrDateTimeField, DevelopmentTypeField, NameField, NameListField, ReferenceField, TextField } from '../fields';

export class MeetingScheduledDto extends DevelopmentBaseDto {
  @DevelopmentTypeField('meeting-scheduled')
  type!: 'meeting-scheduled';

  @NameListField(2, ['Emmanuel Macron', 'Vladimir Putin'])
  participants!: string[];

  @NameField('Moscow')
  location!: string;

  @DateOrDateTimeField('2022-02-07')
  scheduledFor!: string;

  @TextField('De-escalation around Ukraine', { optional: true })
  topic?: string;
}

export class MeetingRescheduledDto extends DevelopmentBaseDto {
  @DevelopmentTypeField('meeting-rescheduled')
  type!: 'meeting-rescheduled';

  @ReferenceField('developmentId of the meeting-scheduled development')
  meetingId!: string;

  @DateOrDateTimeField('2022-02-08T10:00:00Z')
  scheduledFor!: string;

  @NameField('Kremlin, Moscow', { optional: true })
  location?: string;
}

export class MeetingHeldDto extends DevelopmentBaseDto {
  @DevelopmentTypeField('meeting-held')
  type!: 'meeting-held';

  @ReferenceField('developmentId of the meeting-scheduled development')
  meetingId!: string;

  @TextField('Five hours of talks; no breakthrough announced', { optional: true })
  outcome?: string;
}

export class MeetingCancelledDto extends DevelopmentBaseDto {
  @DevelopmentTypeField('meeting-cancelled')
  type!: 'meeting-cancelled';

  @ReferenceField('developmentId of the meeting-scheduled development')
  meetingId!: string;

  @TextField('Called off by the Kremlin', { optional: true })
  reason?: string;
}
