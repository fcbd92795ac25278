import { ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsISO8601, IsOptional, ValidateNested } from 'class-validator';
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
  @IsISO8601({ strict: true })
  occurredAt?: string;

  @ApiPropertyOptional({ type: SourceDto })
  @IsOptional()
  @ValidateNested()
  @Type(() => SourceDto)
  source?: SourceDto;

  @TextField('Figure given on background', { optional: true })
  note?: string;
}
