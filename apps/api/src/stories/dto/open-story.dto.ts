import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { STORY_SLUG_PATTERN } from '@story-tracker/domain';
import { IsNotEmpty, IsOptional, IsString, Matches, MaxLength } from 'class-validator';
import { EditSummaryDto } from './edit-summary.dto';
import { TagsField } from './fields';
import { MAX } from './limits';

export class OpenStoryDto extends EditSummaryDto {
  @ApiProperty({
    description: 'The story id: lowercase letters, digits and single hyphens, 3 to 80 characters',
    example: 'russia-ukraine-standoff',
    pattern: STORY_SLUG_PATTERN.source,
  })
  @IsString()
  @Matches(STORY_SLUG_PATTERN, { message: 'slug must be 3 to 80 lowercase letters, digits and single hyphens' })
  slug!: string;

  @ApiProperty({ example: 'Macron heads to Moscow as Russia masses troops near Ukraine', maxLength: MAX.headline })
  @IsString()
  @IsNotEmpty()
  @MaxLength(MAX.headline)
  headline!: string;

  @ApiPropertyOptional({ example: 'France’s president seeks to de-escalate the stand-off in talks with Vladimir Putin.', maxLength: MAX.summary })
  @IsOptional()
  @IsString()
  @MaxLength(MAX.summary)
  summary?: string;

  @TagsField(['russia', 'ukraine', 'nato'])
  tags?: string[];
}
