import { ApiPropertyOptional } from '@nestjs/swagger';
import { TROOP_QUALIFIERS, type TroopQualifier } from '@story-tracker/domain';
import { IsIn, IsNumber, IsOptional, Max, Min } from 'class-validator';
import { DevelopmentBaseDto } from '../development-base.dto';
import { CountField, DevelopmentTypeField, NameField } from '../fields';

export class TroopEstimateDto extends DevelopmentBaseDto {
  @DevelopmentTypeField('troop-estimate')
  type!: 'troop-estimate';

  @NameField('Russia')
  force!: string;

  @NameField('near the Ukrainian border')
  location!: string;

  @CountField(100000)
  count!: number;

  @ApiPropertyOptional({ enum: TROOP_QUALIFIERS, example: 'more-than' })
  @IsOptional()
  @IsIn(TROOP_QUALIFIERS)
  qualifier?: TroopQualifier;

  @ApiPropertyOptional({ description: 'Share (0-100) of the capability needed, e.g. 70 per cent of the firepower', example: 70, minimum: 0, maximum: 100 })
  @IsOptional()
  @IsNumber({ allowNaN: false, allowInfinity: false })
  @Min(0)
  @Max(100)
  capabilityShare?: number;
}
