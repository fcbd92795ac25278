import { ApiPropertyOptional } from '@nestjs/swagger';
import { IsOptional, IsUrl, MaxLength } from 'class-validator';
import { TextRules } from '../../validation/text.decorators';
import { NameField } from './fields';
import { MAX } from './limits';

/** Who said so. */
export class SourceDto {
  @NameField('US officials')
  name!: string;

  @ApiPropertyOptional({ example: 'https://www.reuters.com/world/', maxLength: MAX.url })
  @IsOptional()
  @IsUrl({ require_protocol: true, protocols: ['http', 'https'] })
  @TextRules('line')
  @MaxLength(MAX.url)
  url?: string;
}
