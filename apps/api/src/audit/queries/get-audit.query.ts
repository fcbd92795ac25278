import { Query } from '@nestjs/cqrs';
import type { StoryAudit } from '@story-tracker/audit';

/** The hash chain of a story recomputed and its state replayed from scratch. */
export class GetAuditQuery extends Query<StoryAudit> {
  constructor(readonly storyId: string) {
    super();
  }
}
