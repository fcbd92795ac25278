import { Query } from '@nestjs/cqrs';
import type { CheckpointView, LogKeyView, LogVerification, ConsistencyProofView, InclusionProofView } from '../verifiable-log.service';

/** The log's current head, signed. */
export class GetCheckpointQuery extends Query<CheckpointView> {}

/** The log's public key. */
export class GetLogKeyQuery extends Query<LogKeyView> {}

export class GetInclusionProofQuery extends Query<InclusionProofView> {
  constructor(
    readonly index: number,
    readonly treeSize: number,
  ) {
    super();
  }
}

export class GetConsistencyProofQuery extends Query<ConsistencyProofView> {
  constructor(
    readonly from: number,
    readonly to: number,
  ) {
    super();
  }
}

/** A checkpoint a witness kept, checked against today's log. */
export class VerifyCheckpointQuery extends Query<LogVerification> {
  constructor(readonly checkpoint: string) {
    super();
  }
}
