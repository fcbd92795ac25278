import { ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsOptional, ValidateNested } from 'class-validator';
import { IsoTime } from '../../validation/iso-time';
import { EditSummaryDto } from './edit-summary.dto';
import { TextField } from './fields';
import { SourceDto } from './source.dto';

/** Fields every development may carry. */
export class DevelopmentBaseDto extends EditSummaryDto {
  @ApiPropertyOptional({
    description: 'When it happened in the world (ISO-8601); may be long before it is recorded',
    example: '2022-02-06T12:00:00Z',
  })
  @IsOptional()
  @IsoTime()
  occurredAt?: string;

  @ApiPropertyOptional({ type: SourceDto })
  @IsOptional()
  @ValidateNested()
  @Type(() => SourceDto)
  source?: SourceDto;

  @TextField('Figure given on background', { optional: true })
  note?: string;
}
