import { EditSummaryDto } from './edit-summary.dto';
import { HeadlineField, OptionalProseField, TagsField } from './fields';
import { MAX } from './limits';

/** At least one of headline, summary, tags (checked by the controller, which names the rule). */
export class ReviseStoryDto extends EditSummaryDto {
  @HeadlineField('Macron meets Putin as Russia masses more than 100,000 troops', { optional: true })
  headline?: string;

  @OptionalProseField('Talks in the Kremlin aim to de-escalate the stand-off.', MAX.summary)
  summary?: string;

  @TagsField(['russia', 'ukraine', 'nato', 'diplomacy'])
  tags?: string[];
}
