import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { ALERT_KINDS, MAX_ESTIMATE_THRESHOLD_PERCENT, STORY_SLUG_PATTERN, DEFAULT_ESTIMATE_THRESHOLD_PERCENT, type AlertKind } from '@story-tracker/domain';
import { Type } from 'class-transformer';
import { ArrayMinSize, ArrayUnique, IsArray, IsIn, IsNumber, IsOptional, IsString, Matches, Max, MaxLength, Min, ValidateNested } from 'class-validator';
import { TextRules } from '../validation/text.decorators';
import { WholeNumberQuery } from '../validation/query-fields';

const MAX_URL = 2000;

export class WebhookDto {
  @ApiProperty({ example: 'https://hooks.example.org/story-tracker', maxLength: MAX_URL, description: 'http(s), on a host in WEBHOOK_ALLOWED_HOSTS' })
  @IsString()
  @TextRules('line')
  @MaxLength(MAX_URL)
  url!: string;
}

export class CreateWatchDto {
  @ApiProperty({ example: 'russia-ukraine-standoff', pattern: STORY_SLUG_PATTERN.source })
  @IsString()
  @Matches(STORY_SLUG_PATTERN, { message: 'storyId must be a story slug: 3 to 80 lowercase letters, digits and single hyphens' })
  storyId!: string;

  @ApiPropertyOptional({ enum: ALERT_KINDS, isArray: true, example: ['estimate', 'meeting'], description: 'What to be alerted of (default: every kind)' })
  @IsOptional()
  @IsArray()
  @ArrayMinSize(1, { message: 'on must name at least one kind (leave it out for every kind)' })
  @ArrayUnique()
  @IsIn(ALERT_KINDS, { each: true, message: `each of on must be one of ${ALERT_KINDS.join(', ')}` })
  on?: AlertKind[];

  @ApiPropertyOptional({ minimum: 0, maximum: MAX_ESTIMATE_THRESHOLD_PERCENT, default: DEFAULT_ESTIMATE_THRESHOLD_PERCENT, example: 10, description: 'How far (in percent) a current troop figure must move to alert' })
  @IsOptional()
  @IsNumber({ allowNaN: false, allowInfinity: false })
  @Min(0)
  @Max(MAX_ESTIMATE_THRESHOLD_PERCENT)
  estimateThresholdPercent?: number;

  @ApiPropertyOptional({ type: WebhookDto })
  @IsOptional()
  @ValidateNested()
  @Type(() => WebhookDto)
  webhook?: WebhookDto;
}

export class AlertsQueryDto {
  @ApiPropertyOptional({ example: '42-01JZ6Q4A1B2C3D4E5F6G7H8J9K', description: 'The id of the last alert you have: only later ones come' })
  @IsOptional()
  @IsString()
  @MaxLength(60)
  since?: string;

  @WholeNumberQuery({ min: 1, max: 1000, example: 100, default: 100 })
  limit?: number;
}

export class DeliveriesQueryDto {
  @WholeNumberQuery({ min: 1, max: 1000, example: 100, default: 100 })
  limit?: number;
}
