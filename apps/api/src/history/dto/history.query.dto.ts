import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsIn, IsInt, IsOptional, Max, Min } from 'class-validator';

export class RevisionsQueryDto {
  @ApiPropertyOptional({ description: 'First revision of the page', example: 1, minimum: 1, default: 1 })
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(1)
  from?: number;

  @ApiPropertyOptional({ example: 50, minimum: 1, maximum: 500, default: 50 })
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(1)
  @Max(500)
  limit?: number;
}

export class DiffQueryDto {
  @ApiProperty({ description: 'The older revision', example: 2, minimum: 1 })
  @Type(() => Number)
  @IsInt()
  @Min(1)
  from!: number;

  @ApiPropertyOptional({ description: 'The newer revision (default: the latest)', example: 3, minimum: 1 })
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(1)
  to?: number;
}

export class TimelineQueryDto {
  @ApiPropertyOptional({ enum: ['world', 'record'], default: 'world', description: 'world: when it happened (occurredAt); record: when it was recorded' })
  @IsOptional()
  @IsIn(['world', 'record'])
  order?: 'world' | 'record';
}
