import { applyDecorators } from '@nestjs/common';
import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsInt, IsOptional, Max, Min } from 'class-validator';

/** A whole-number query parameter (`?limit=50`, `?from=3`): parsed, range-checked and documented in one place. */
export function WholeNumberQuery(options: { min: number; max?: number; required?: boolean; description?: string; example?: number; default?: number }) {
  const { min, max, required = false, ...doc } = options;
  const schema = { ...doc, minimum: min, ...(max !== undefined && { maximum: max }) };
  return applyDecorators(
    required ? ApiProperty(schema) : ApiPropertyOptional(schema),
    ...(required ? [] : [IsOptional()]),
    Type(() => Number),
    IsInt(),
    Min(min),
    ...(max !== undefined ? [Max(max)] : []),
  );
}
