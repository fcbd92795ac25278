import { ApiPropertyOptional } from '@nestjs/swagger';
import { IsOptional, IsString, MaxLength } from 'class-validator';
import { WholeNumberQuery } from '../../validation/query-fields';
import { TextRules } from '../../validation/text.decorators';

export class ListStoriesQueryDto {
  @ApiPropertyOptional({ description: 'Text to find in headline or summary', example: 'Macron' })
  @IsOptional()
  @IsString()
  @TextRules('line', { allowEmpty: true })
  @MaxLength(200)
  q?: string;

  @ApiPropertyOptional({ example: 'nato' })
  @IsOptional()
  @IsString()
  @TextRules('line', { allowEmpty: true })
  @MaxLength(50)
  tag?: string;

  @WholeNumberQuery({ min: 1, max: 100, default: 20 })
  limit?: number;

  @ApiPropertyOptional({ description: 'nextCursor of the previous page' })
  @IsOptional()
  @IsString()
  @TextRules('line', { allowEmpty: true })
  @MaxLength(200)
  cursor?: string;
}
