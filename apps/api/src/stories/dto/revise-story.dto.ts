import { ApiPropertyOptional } from '@nestjs/swagger';
import { IsNotEmpty, IsOptional, IsString, MaxLength } from 'class-validator';
import { EditSummaryDto } from './edit-summary.dto';
import { TagsField } from './fields';
import { MAX } from './limits';

/** At least one of headline, summary, tags (checked by the controller, which names the rule). */
export class ReviseStoryDto extends EditSummaryDto {
  @ApiPropertyOptional({ example: 'Macron meets Putin as Russia masses more than 100,000 troops', maxLength: MAX.headline })
  @IsOptional()
  @IsString()
  @IsNotEmpty()
  @MaxLength(MAX.headline)
  headline?: string;

  @ApiPropertyOptional({ example: 'Talks in the Kremlin aim to de-escalate the stand-off.', maxLength: MAX.summary })
  @IsOptional()
  @IsString()
  @MaxLength(MAX.summary)
  summary?: string;

  @TagsField(['russia', 'ukraine', 'nato', 'diplomacy'])
  tags?: string[];
}
