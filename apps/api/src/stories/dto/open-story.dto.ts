import { ApiProperty } from '@nestjs/swagger';
import { STORY_SLUG_PATTERN } from '@story-tracker/domain';
import { IsString, Matches } from 'class-validator';
import { EditSummaryDto } from './edit-summary.dto';
import { HeadlineField, OptionalProseField, TagsField } from './fields';
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

  @HeadlineField('Macron heads to Moscow as Russia masses troops near Ukraine')
  headline!: string;

  @OptionalProseField('France’s president seeks to de-escalate the stand-off in talks with Vladimir Putin.', MAX.summary)
  summary?: string;

  @TagsField(['russia', 'ukraine', 'nato'])
  tags?: string[];
}
