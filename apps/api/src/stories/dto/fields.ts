import { applyDecorators } from '@nestjs/common';
import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { ArrayMaxSize, ArrayMinSize, IsArray, IsIn, IsISO8601, IsNotEmpty, IsOptional, IsString, MaxLength } from 'class-validator';
import { MAX } from './limits';

/** Field decorators shared by the DTOs: validation and OpenAPI description in one place. */

export function DevelopmentTypeField(type: string) {
  return applyDecorators(ApiProperty({ enum: [type], example: type }), IsIn([type]));
}

export function NameField(example: string, options: { optional?: boolean; description?: string } = {}) {
  return text(MAX.name, example, options);
}

export function TextField(example: string, options: { optional?: boolean; description?: string; max?: number } = {}) {
  return text(options.max ?? MAX.text, example, options);
}

/** Id of another development of the same story (a meeting, a demand). */
export function ReferenceField(description: string, options: { optional?: boolean } = {}) {
  const doc = { description, example: '01JZ6Q3V7C9X4M2B8N5K0T1R6W', maxLength: 100 };
  return applyDecorators(
    options.optional ? ApiPropertyOptional(doc) : ApiProperty(doc),
    ...(options.optional ? [IsOptional()] : []),
    IsString(),
    IsNotEmpty(),
    MaxLength(100),
  );
}

export function NameListField(min: number, example: string[], description?: string) {
  return applyDecorators(
    ApiProperty({ type: [String], minItems: min, maxItems: MAX.list, example, ...(description && { description }) }),
    IsArray(),
    ArrayMinSize(min),
    ArrayMaxSize(MAX.list),
    IsString({ each: true }),
    IsNotEmpty({ each: true }),
    MaxLength(MAX.name, { each: true }),
  );
}

/** A story's tags: short labels, lower-cased and de-duplicated by the domain. */
export function TagsField(example: string[]) {
  return applyDecorators(
    ApiPropertyOptional({ type: [String], example, maxItems: MAX.tags }),
    IsOptional(),
    IsArray(),
    ArrayMaxSize(MAX.tags),
    IsString({ each: true }),
    IsNotEmpty({ each: true }),
    MaxLength(MAX.tag, { each: true }),
  );
}

/** A date (`2022-02-07`) or a date-time (`2022-02-07T13:00:00Z`). */
export function DateOrDateTimeField(example: string, options: { optional?: boolean; description?: string } = {}) {
  return applyDecorators(
    options.optional ? ApiPropertyOptional({ example, format: 'date-time', description: options.description }) : ApiProperty({ example, format: 'date-time', description: options.description }),
    ...(options.optional ? [IsOptional()] : []),
    IsISO8601({ strict: true }),
  );
}

function text(max: number, example: string, { optional, description }: { optional?: boolean; description?: string }) {
  const doc = { example, maxLength: max, ...(description && { description }) };
  return applyDecorators(
    optional ? ApiPropertyOptional(doc) : ApiProperty(doc),
    ...(optional ? [IsOptional()] : []),
    IsString(),
    IsNotEmpty(),
    MaxLength(max),
  );
}
