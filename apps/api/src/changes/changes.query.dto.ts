import { WholeNumberQuery } from '../validation/query-fields';

export class ChangesQueryDto {
  @WholeNumberQuery({ min: 0, description: 'Changes after this global position, oldest first', example: 40 })
  since?: number;

  @WholeNumberQuery({ min: 1, description: 'Newest first, before this global position (nextBefore of the previous page)', example: 42 })
  before?: number;

  @WholeNumberQuery({ min: 1, max: 500, default: 50 })
  limit?: number;
}
