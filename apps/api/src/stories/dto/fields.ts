import { applyDecorators } from '@nestjs/common';
import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { ArrayMaxSize, ArrayMinSize, IsArray, IsIn, IsInt, IsNotEmpty, IsOptional, IsString, Max, MaxLength, Min } from 'class-validator';
import { IsoTime } from '../../validation/iso-time';
import { NoDuplicateNames, TextRules } from '../../validation/text.decorators';
import type { TextKind } from '../../validation/text-rules';
import { MAX } from './limits';

/**
 * Field decorators shared by the DTOs: validation and OpenAPI description in one place. Text follows
 * the text rules (`validation/text-rules.ts`): names, headlines, tags and ids are single lines; notes,
 * statements, texts, summaries and reasons are prose (tab and newline allowed).
 */

export function DevelopmentTypeField(type: string) {
  return applyDecorators(ApiProperty({ enum: [type], example: type }), IsIn([type]));
}

export function NameField(example: string, options: { optional?: boolean; description?: string } = {}) {
  return text('line', MAX.name, example, options);
}

export function HeadlineField(example: string, options: { optional?: boolean } = {}) {
  return text('line', MAX.headline, example, options);
}

export function TextField(example: string, options: { optional?: boolean; description?: string; max?: number } = {}) {
  return text('prose', options.max ?? MAX.text, example, options);
}

/** Prose that may be empty ("" says there is none), but not whitespace alone: a story's summary, an edit summary. */
export function OptionalProseField(example: string, max: number, description?: string) {
  return applyDecorators(
    ApiPropertyOptional({ example, maxLength: max, ...(description && { description }) }),
    IsOptional(),
    IsString(),
    TextRules('prose', { allowEmpty: true }),
    MaxLength(max),
  );
}

/** Id of another development of the same story (a meeting, a demand). */
export function ReferenceField(description: string, options: { optional?: boolean } = {}) {
  const doc = { description, example: '01JZ6Q3V7C9X4M2B8N5K0T1R6W', maxLength: MAX.reference };
  return applyDecorators(
    options.optional ? ApiPropertyOptional(doc) : ApiProperty(doc),
    ...(options.optional ? [IsOptional()] : []),
    IsString(),
    IsNotEmpty(),
    TextRules('line'),
    MaxLength(MAX.reference),
  );
}

/** Names of people, countries or bodies, none given twice. */
export function NameListField(min: number, example: string[], description?: string) {
  return applyDecorators(
    ApiProperty({ type: [String], minItems: min, maxItems: MAX.list, uniqueItems: true, example, ...(description && { description }) }),
    IsArray(),
    ArrayMinSize(min),
    ArrayMaxSize(MAX.list),
    IsString({ each: true }),
    IsNotEmpty({ each: true }),
    TextRules('line', { each: true }),
    MaxLength(MAX.name, { each: true }),
    NoDuplicateNames(),
  );
}

/** A story's tags: short labels, lower-cased by the domain; the same tag twice is refused. */
export function TagsField(example: string[]) {
  return applyDecorators(
    ApiPropertyOptional({ type: [String], example, maxItems: MAX.tags, uniqueItems: true }),
    IsOptional(),
    IsArray(),
    ArrayMaxSize(MAX.tags),
    IsString({ each: true }),
    IsNotEmpty({ each: true }),
    TextRules('line', { each: true }),
    MaxLength(MAX.tag, { each: true }),
    NoDuplicateNames(),
  );
}

/** A head count: a whole number from 1 to MAX.count (why that bound: see `limits.ts`). */
export function CountField(example: number) {
  return applyDecorators(
    ApiProperty({ example, minimum: 1, maximum: MAX.count, type: 'integer' }),
    IsInt(),
    Min(1),
    Max(MAX.count),
  );
}

/** A date (`2022-02-07`) or a date-time (`2022-02-07T13:00:00Z`). */
export function DateOrDateTimeField(example: string, options: { optional?: boolean; description?: string } = {}) {
  return applyDecorators(
    options.optional ? ApiPropertyOptional({ example, format: 'date-time', description: options.description }) : ApiProperty({ example, format: 'date-time', description: options.description }),
    ...(options.optional ? [IsOptional()] : []),
    IsoTime(),
  );
}

function text(kind: TextKind, max: number, example: string, { optional, description }: { optional?: boolean; description?: string }) {
  const doc = { example, maxLength: max, ...(description && { description }) };
  return applyDecorators(
    optional ? ApiPropertyOptional(doc) : ApiProperty(doc),
    ...(optional ? [IsOptional()] : []),
    IsString(),
    IsNotEmpty(),
    TextRules(kind),
    MaxLength(max),
  );
}
