import { ApiPropertyOptional } from '@nestjs/swagger';
import { IsOptional, Matches } from 'class-validator';

export class LiveQueryDto {
  @ApiPropertyOptional({
    description: 'For clients that cannot send the Last-Event-ID header: resume after this global position (the header wins when both are sent)',
    example: '42',
  })
  @IsOptional()
  @Matches(/^\d{1,15}$/, { message: 'lastEventId must be a global position (a whole number)' })
  lastEventId?: string;
}
