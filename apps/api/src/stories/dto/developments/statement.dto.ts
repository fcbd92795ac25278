import { DevelopmentBaseDto } from '../development-base.dto';
import { DevelopmentTypeField, NameField, ReferenceField, TextField } from '../fields';

export class StatementDto extends DevelopmentBaseDto {
  @DevelopmentTypeField('statement')
  type!: 'statement';

  @NameField('Emmanuel Macron')
  speaker!: string;

  @TextField('A deal to avoid a full-scale war is possible')
  text!: string;

  @NameField('Journal du Dimanche', { optional: true })
  outlet?: string;
}

export class DenialDto extends DevelopmentBaseDto {
  @DevelopmentTypeField('denial')
  type!: 'denial';

  @NameField('Russia')
  by!: string;

  @TextField('Russia has no plans to attack Ukraine')
  text!: string;

  @ReferenceField('developmentId of the development being denied', { optional: true })
  of?: string;
}
