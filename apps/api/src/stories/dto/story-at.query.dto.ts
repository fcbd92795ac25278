import { ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsInt, IsISO8601, IsOptional, Min } from 'class-validator';

/** `?revision=N` or `?asOf=<time>`: the story as it stood then. */
export class StoryAtQueryDto {
  @ApiPropertyOptional({ description: 'The state right after this revision (1 = as opened)', example: 5, minimum: 1 })
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(1)
  revision?: number;

  @ApiPropertyOptional({ description: 'The state as recorded at this time (ISO-8601, millisecond precision)', example: '2022-02-07T12:00:00.000Z' })
  @IsOptional()
  @IsISO8601({ strict: true })
  asOf?: string;
}
