import { DevelopmentBaseDto } from '../development-base.dto';
import { CountField, DevelopmentTypeField, NameField } from '../fields';

export class DeploymentDto extends DevelopmentBaseDto {
  @DevelopmentTypeField('deployment')
  type!: 'deployment';

  @NameField('US troops')
  force!: string;

  @CountField(3000)
  count!: number;

  @NameField("Poland and NATO's eastern flank")
  destination!: string;
}
