import { ApiProperty } from '@nestjs/swagger';
import { IsObject } from 'class-validator';
import { EditSummaryDto } from './edit-summary.dto';
import { TextField } from './fields';

export class CorrectionDto extends EditSummaryDto {
  @ApiProperty({
    description: 'Fields of the development to correct, validated against its type; references (meetingId, demandId) cannot be changed',
    example: { count: 100000, qualifier: 'more-than' },
    type: 'object',
    additionalProperties: true,
  })
  @IsObject()
  changes!: Record<string, unknown>;

  @TextField('US officials revised the figure upwards')
  reason!: string;
}

export class RetractionDto extends EditSummaryDto {
  @TextField('The report could not be confirmed')
  reason!: string;
}

/** Publish and archive take an empty body (an edit summary at most). */
export class EmptyWriteDto extends EditSummaryDto {}
