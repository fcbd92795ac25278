import { OptionalProseField } from './fields';
import { MAX } from './limits';

/** Every write may say why, in the body or in the X-Edit-Summary header. */
export class EditSummaryDto {
  @OptionalProseField(
    'Updated after the White House briefing',
    MAX.editSummary,
    'Why this change was made; shown in the revision history. The X-Edit-Summary header does the same.',
  )
  editSummary?: string;
}
