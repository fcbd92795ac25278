import { applyDecorators } from '@nestjs/common';
import { IsISO8601, ValidateBy } from 'class-validator';

/**
 * A time as the API keeps and compares them: ISO 8601 (strict: real days, real hours) in a form that
 * JavaScript's Date reads, so calendar dates (`2022-02-07`) and date-times (`2022-02-07T13:00:00Z`).
 * ISO 8601 also has week dates (`2022-W06`), ordinal dates (`2022-038`) and the basic format
 * (`20220207`), which Date cannot read: kept, they could never be ordered or shown, so they are refused.
 */
export function IsoTime() {
  return applyDecorators(
    IsISO8601({ strict: true }, { message: '$property must be an ISO 8601 date (2022-02-07) or date-time (2022-02-07T13:00:00Z)' }),
    ValidateBy({
      name: 'readableTime',
      validator: {
        validate: (value: unknown) => typeof value === 'string' && Number.isFinite(Date.parse(value)),
        defaultMessage: () => '$property must be a calendar date (2022-02-07) or date-time (2022-02-07T13:00:00Z); week and ordinal dates and the basic format are not taken',
      },
    }),
  );
}
