import { Query } from '@nestjs/cqrs';
import type { TimelineEntry } from '@story-tracker/domain';

export type TimelineOrder = 'world' | 'record';

/** The story's live developments in world-time order (when they happened) or record order. */
export class GetTimelineQuery extends Query<{ items: readonly TimelineEntry[] }> {
  constructor(
    readonly storyId: string,
    readonly order: TimelineOrder,
  ) {
    super();
  }
}
