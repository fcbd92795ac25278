import { DevelopmentBaseDto } from '../development-base.dto';
import { DevelopmentTypeField, NameField, NameListField, ReferenceField, TextField } from '../fields';

export class DemandMadeDto extends DevelopmentBaseDto {
  @DevelopmentTypeField('demand-made')
  type!: 'demand-made';

  @NameField('Russia')
  by!: string;

  @NameListField(1, ['United States', 'NATO'])
  addressedTo!: string[];

  @TextField('Bar Ukraine and other former Soviet states from joining NATO')
  text!: string;
}

export class DemandRejectedDto extends DevelopmentBaseDto {
  @DevelopmentTypeField('demand-rejected')
  type!: 'demand-rejected';

  @ReferenceField('developmentId of the demand-made development')
  demandId!: string;

  @NameListField(1, ['United States', 'NATO'])
  by!: string[];

  @TextField('NATO’s door remains open', { optional: true })
  statement?: string;
}

export class DemandAcceptedDto extends DevelopmentBaseDto {
  @DevelopmentTypeField('demand-accepted')
  type!: 'demand-accepted';

  @ReferenceField('developmentId of the demand-made development')
  demandId!: string;

  @NameListField(1, ['France'])
  by!: string[];

  @TextField('Accepted as a basis for talks', { optional: true })
  statement?: string;
}
