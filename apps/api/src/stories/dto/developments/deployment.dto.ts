import { ApiProperty } from '@nestjs/swagger';
import { IsInt, Min } from 'class-validator';
import { DevelopmentBaseDto } from '../development-base.dto';
import { DevelopmentTypeField, NameField } from '../fields';

export class DeploymentDto extends DevelopmentBaseDto {
  @DevelopmentTypeField('deployment')
  type!: 'deployment';

  @NameField('US troops')
  force!: string;

  @ApiProperty({ example: 3000, minimum: 1 })
  @IsInt()
  @Min(1)
  count!: number;

  @NameField("Poland and NATO's eastern flank")
  destination!: string;
}
