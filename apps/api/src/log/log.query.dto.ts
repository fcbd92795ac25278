import { WholeNumberQuery } from '../validation/query-fields';

export class InclusionQueryDto {
  @WholeNumberQuery({ min: 0, required: true, description: "The leaf: an event's logIndex (its globalPosition - 1)", example: 11 })
  index!: number;

  @WholeNumberQuery({ min: 1, required: true, description: 'The tree the proof is for: the size of a checkpoint you hold, at most the log size', example: 40 })
  treeSize!: number;
}

export class ConsistencyQueryDto {
  @WholeNumberQuery({ min: 0, required: true, description: 'The older tree size (a checkpoint you hold)', example: 17 })
  from!: number;

  @WholeNumberQuery({ min: 0, required: true, description: 'The newer tree size, at most the log size', example: 40 })
  to!: number;
}
