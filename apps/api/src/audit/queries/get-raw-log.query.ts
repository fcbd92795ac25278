import { Query } from '@nestjs/cqrs';
import type { RawLogEntry } from '@story-tracker/audit';

/** A story's raw log as stored, entry by entry, read lazily (StoryNotFound before anything is read). */
export class GetRawLogQuery extends Query<AsyncIterable<RawLogEntry>> {
  constructor(readonly storyId: string) {
    super();
  }
}
