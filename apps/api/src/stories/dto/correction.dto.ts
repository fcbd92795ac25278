import { ApiProperty } from '@nestjs/swagger';
import { IsNotEmpty, IsObject, IsString, MaxLength } from 'class-validator';
import { EditSummaryDto } from './edit-summary.dto';
import { MAX } from './limits';

export class CorrectionDto extends EditSummaryDto {
  @ApiProperty({
    description: 'Fields of the development to correct, validated against its type; references (meetingId, demandId) cannot be changed',
    example: { count: 100000, qualifier: 'more-than' },
    type: 'object',
    additionalProperties: true,
  })
  @IsObject()
  changes!: Record<string, unknown>;

  @ApiProperty({ example: 'US officials revised the figure upwards', maxLength: MAX.text })
  @IsString()
  @IsNotEmpty()
  @MaxLength(MAX.text)
  reason!: string;
}

export class RetractionDto extends EditSummaryDto {
  @ApiProperty({ example: 'The report could not be confirmed', maxLength: MAX.text })
  @IsString()
  @IsNotEmpty()
  @MaxLength(MAX.text)
  reason!: string;
}

/** Publish and archive take an empty body (an edit summary at most). */
export class EmptyWriteDto extends EditSummaryDto {}
