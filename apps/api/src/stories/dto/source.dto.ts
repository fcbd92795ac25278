import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsNotEmpty, IsOptional, IsString, IsUrl, MaxLength } from 'class-validator';
import { MAX } from './limits';

/** Who said so. */
export class SourceDto {
  @ApiProperty({ example: 'US officials', maxLength: MAX.name })
  @IsString()
  @IsNotEmpty()
  @MaxLength(MAX.name)
  name!: string;

  @ApiPropertyOptional({ example: 'https://www.reuters.com/world/', maxLength: MAX.url })
  @IsOptional()
  @IsUrl({ require_protocol: true, protocols: ['http', 'https'] })
  @MaxLength(MAX.url)
  url?: string;
}
