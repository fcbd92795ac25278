import { ApiPropertyOptional } from '@nestjs/swagger';
import { ArrayMaxSize, IsArray, IsNotEmpty, IsOptional, IsString, MaxLength } from 'class-validator';
import { EditSummaryDto } from './edit-summary.dto';
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

  @ApiPropertyOptional({ type: [String], example: ['russia', 'ukraine', 'nato', 'diplomacy'], maxItems: MAX.tags })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(MAX.tags)
  @IsString({ each: true })
  @IsNotEmpty({ each: true })
  @MaxLength(MAX.tag, { each: true })
  tags?: string[];
}
