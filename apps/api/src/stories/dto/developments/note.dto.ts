import { DevelopmentBaseDto } from '../development-base.dto';
import { DevelopmentTypeField, TextField } from '../fields';

export class NoteDto extends DevelopmentBaseDto {
  @DevelopmentTypeField('note')
  type!: 'note';

  @TextField('Ukrainian troops held urban combat drills in Pripyat')
  text!: string;
}
