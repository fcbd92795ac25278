import { ApiProperty } from '@nestjs/swagger';
import { ArrayMaxSize, ArrayMinSize, IsArray, IsString, Matches, MaxLength } from 'class-validator';
import { TextField } from '../dto/fields';
import { EditSummaryDto } from '../dto/edit-summary.dto';

/**
 * An RFC 6901 JSON Pointer into a development's fields: "/" then tokens, "~" only as "~0" or "~1".
 * No control character or lone surrogate (no field's name has one): refused like in any text field.
 */
const JSON_POINTER = /^(\/([^~/\p{Cc}\p{Cs}]|~[01])*)+$/u;
export const MAX_REDACTION_PATHS = 50;
const MAX_POINTER_LENGTH = 300;

export class RedactionDto extends EditSummaryDto {
  @ApiProperty({
    description: "JSON Pointers (RFC 6901) into the development's fields; a pointer to an object takes every value beneath it",
    example: ['/source/name'],
    type: [String],
    minItems: 1,
    maxItems: MAX_REDACTION_PATHS,
  })
  @IsArray()
  @ArrayMinSize(1)
  @ArrayMaxSize(MAX_REDACTION_PATHS)
  @IsString({ each: true })
  @MaxLength(MAX_POINTER_LENGTH, { each: true })
  @Matches(JSON_POINTER, { each: true, message: 'each of paths must be a JSON Pointer into the development\'s fields, like /source/name' })
  paths!: string[];

  @TextField('Court order of 3 March: the source must not be named')
  reason!: string;
}
