import { ApiPropertyOptional } from '@nestjs/swagger';
import { IsOptional } from 'class-validator';
import { IsoTime } from '../../validation/iso-time';
import { WholeNumberQuery } from '../../validation/query-fields';

/** `?revision=N` or `?asOf=<time>`: the story as it stood then. */
export class StoryAtQueryDto {
  @WholeNumberQuery({ min: 1, description: 'The state right after this revision (1 = as opened)', example: 5 })
  revision?: number;

  @ApiPropertyOptional({ description: 'The state as recorded at this time (ISO-8601, millisecond precision)', example: '2022-02-07T12:00:00.000Z' })
  @IsOptional()
  @IsoTime()
  asOf?: string;
}
