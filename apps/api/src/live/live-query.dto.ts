import { ApiPropertyOptional } from '@nestjs/swagger';
import { IsOptional, Matches } from 'class-validator';
import { WHOLE_NUMBER, WHOLE_NUMBER_RULE } from '../validation/whole-number';

export class LiveQueryDto {
  @ApiPropertyOptional({
    description: 'For clients that cannot send the Last-Event-ID header: resume after this global position (the header wins when both are sent)',
    example: '42',
  })
  @IsOptional()
  @Matches(WHOLE_NUMBER, { message: `lastEventId must be a global position: ${WHOLE_NUMBER_RULE}` })
  lastEventId?: string;
}
