import { applyDecorators } from '@nestjs/common';
import { IsISO8601, ValidateBy } from 'class-validator';

/**
 * The forms of ISO 8601 the API takes: a calendar date (`2022-02-07`, or `2022-02`, `2022` when that is
 * all that is known) or a date-time to the minute or finer, with `Z` or an offset
 * (`2022-02-07T13:00:00Z`). ISO 8601 also has week dates (`2022-W06`), ordinal dates (`2022-038`) and
 * the basic format (`20220207`): JavaScript's Date cannot read them, or worse reads some as another
 * day (`2022-006`), so kept they could never be ordered or shown truly; they are refused.
 */
const CALENDAR_FORM = /^\d{4}(?:-\d{2}(?:-\d{2}(?:T\d{2}:\d{2}(?::\d{2}(?:\.\d{1,9})?)?(?:Z|[+-]\d{2}:\d{2})?)?)?)?$/;

export function IsoTime() {
  return applyDecorators(
    IsISO8601({ strict: true }, { message: '$property must be an ISO 8601 date (2022-02-07) or date-time (2022-02-07T13:00:00Z)' }),
    ValidateBy({
      name: 'calendarTime',
      validator: {
        validate: (value: unknown) => typeof value === 'string' && CALENDAR_FORM.test(value) && Number.isFinite(Date.parse(value)),
        defaultMessage: () => '$property must be a calendar date (2022-02-07) or date-time (2022-02-07T13:00:00Z); week and ordinal dates and the basic format are not taken',
      },
    }),
  );
}
