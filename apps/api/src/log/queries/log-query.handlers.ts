import { QueryHandler, type IQueryHandler } from '@nestjs/cqrs';
import { VerifiableLogService } from '../verifiable-log.service';
import { GetCheckpointQuery, GetConsistencyProofQuery, GetInclusionProofQuery, GetLogKeyQuery, VerifyCheckpointQuery } from './log.queries';

// Each query is one call of the log service, which owns the tree, the key and the reading of the store.

@QueryHandler(GetCheckpointQuery)
export class GetCheckpointHandler implements IQueryHandler<GetCheckpointQuery> {
  constructor(private readonly log: VerifiableLogService) {}
  execute() {
    return this.log.checkpoint();
  }
}

@QueryHandler(GetLogKeyQuery)
export class GetLogKeyHandler implements IQueryHandler<GetLogKeyQuery> {
  constructor(private readonly log: VerifiableLogService) {}
  execute() {
    return Promise.resolve(this.log.publicKey());
  }
}

@QueryHandler(GetInclusionProofQuery)
export class GetInclusionProofHandler implements IQueryHandler<GetInclusionProofQuery> {
  constructor(private readonly log: VerifiableLogService) {}
  execute({ index, treeSize }: GetInclusionProofQuery) {
    return this.log.inclusion(index, treeSize);
  }
}

@QueryHandler(GetConsistencyProofQuery)
export class GetConsistencyProofHandler implements IQueryHandler<GetConsistencyProofQuery> {
  constructor(private readonly log: VerifiableLogService) {}
  execute({ from, to }: GetConsistencyProofQuery) {
    return this.log.consistency(from, to);
  }
}

@QueryHandler(VerifyCheckpointQuery)
export class VerifyCheckpointHandler implements IQueryHandler<VerifyCheckpointQuery> {
  constructor(private readonly log: VerifiableLogService) {}
  execute({ checkpoint }: VerifyCheckpointQuery) {
    return this.log.verify(checkpoint);
  }
}

export const LOG_QUERY_HANDLERS = [GetCheckpointHandler, GetLogKeyHandler, GetInclusionProofHandler, GetConsistencyProofHandler, VerifyCheckpointHandler];
