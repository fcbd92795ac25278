import { ApiPropertyOptional } from '@nestjs/swagger';
import { IsIn, IsOptional } from 'class-validator';
import { WholeNumberQuery } from '../../validation/query-fields';

export class RevisionsQueryDto {
  @WholeNumberQuery({ min: 1, description: 'First revision of the page', example: 1, default: 1 })
  from?: number;

  @WholeNumberQuery({ min: 1, max: 500, example: 50, default: 50 })
  limit?: number;
}

export class DiffQueryDto {
  @WholeNumberQuery({ min: 1, required: true, description: 'The older revision', example: 2 })
  from!: number;

  @WholeNumberQuery({ min: 1, description: 'The newer revision (default: the latest)', example: 3 })
  to?: number;
}

export class TimelineQueryDto {
  @ApiPropertyOptional({ enum: ['world', 'record'], default: 'world', description: 'world: when it happened (occurredAt); record: when it was recorded' })
  @IsOptional()
  @IsIn(['world', 'record'])
  order?: 'world' | 'record';
}
