import type { DevelopmentType } from '@story-tracker/domain';
import type { DevelopmentBaseDto } from '../development-base.dto';
import { DemandAcceptedDto, DemandMadeDto, DemandRejectedDto } from './demand.dto';
import { DeploymentDto } from './deployment.dto';
import { MeetingCancelledDto, MeetingHeldDto, MeetingRescheduledDto, MeetingScheduledDto } from './meeting.dto';
import { NoteDto } from './note.dto';
import { DenialDto, StatementDto } from './statement.dto';
import { TroopEstimateDto } from './troop-estimate.dto';

/** The DTO class of one development type. */
export type DevelopmentDtoClass<T extends DevelopmentType = DevelopmentType> = new () => DevelopmentBaseDto & { type: T };

/**
 * The DTO class of each development type: the body of POST /developments is validated with the one
 * its `type` names. A new development type adds its class here (the compiler insists), and
 * `development-dto.registry.unit.spec.ts` holds its properties to the type's field spec.
 */
export const DEVELOPMENT_DTOS = {
  'troop-estimate': TroopEstimateDto,
  'meeting-scheduled': MeetingScheduledDto,
  'meeting-rescheduled': MeetingRescheduledDto,
  'meeting-held': MeetingHeldDto,
  'meeting-cancelled': MeetingCancelledDto,
  'demand-made': DemandMadeDto,
  'demand-rejected': DemandRejectedDto,
  'demand-accepted': DemandAcceptedDto,
  statement: StatementDto,
  denial: DenialDto,
  deployment: DeploymentDto,
  note: NoteDto,
} as const satisfies { readonly [T in DevelopmentType]: DevelopmentDtoClass<T> };
