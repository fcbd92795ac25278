import { applyDecorators } from '@nestjs/common';
import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Transform } from 'class-transformer';
import { IsInt, IsOptional, Max, Min } from 'class-validator';
import { parseWholeNumber, WHOLE_NUMBER, WHOLE_NUMBER_RULE } from './whole-number';

/**
 * A whole-number query parameter (`?limit=50`, `?from=3`): parsed, range-checked and documented in one
 * place. Only plain decimal digits are read as a number (see `whole-number.ts`); anything else stays
 * as sent and is refused.
 */
export function WholeNumberQuery(options: { min: number; max?: number; required?: boolean; description?: string; example?: number; default?: number }) {
  const { min, max, required = false, ...doc } = options;
  const schema = { ...doc, type: 'integer' as const, pattern: WHOLE_NUMBER.source, minimum: min, ...(max !== undefined && { maximum: max }) };
  return applyDecorators(
    required ? ApiProperty(schema) : ApiPropertyOptional(schema),
    ...(required ? [] : [IsOptional()]),
    Transform(({ value }) => (typeof value === 'string' ? (parseWholeNumber(value) ?? value) : value)),
    IsInt({ message: `$property must be ${WHOLE_NUMBER_RULE}` }),
    Min(min),
    ...(max !== undefined ? [Max(max)] : []),
  );
}
