import { ApiPropertyOptional } from '@nestjs/swagger';
import { IsOptional, IsString, MaxLength } from 'class-validator';
import { MAX } from './limits';

/** Every write may say why, in the body or in the X-Edit-Summary header. */
export class EditSummaryDto {
  @ApiPropertyOptional({
    description: 'Why this change was made; shown in the revision history. The X-Edit-Summary header does the same.',
    example: 'Updated after the White House briefing',
    maxLength: MAX.editSummary,
  })
  @IsOptional()
  @IsString()
  @MaxLength(MAX.editSummary)
  editSummary?: string;
}
