import { Inject } from '@nestjs/common';
import { QueryHandler, type IQueryHandler } from '@nestjs/cqrs';
import type { EventStore } from '@story-tracker/event-store';
import { EVENT_STORE } from '@story-tracker/runtime';
import { ChangeFeedService } from '../change-feed.service';
import { GetChangesQuery, type ChangesPage } from './get-changes.query';

/** Reads a page of the global log and describes it, each event against its story just before it. */
@QueryHandler(GetChangesQuery)
export class GetChangesHandler implements IQueryHandler<GetChangesQuery, ChangesPage> {
  constructor(
    @Inject(EVENT_STORE) private readonly store: EventStore,
    private readonly feed: ChangeFeedService,
  ) {}

  async execute({ limit, since, before }: GetChangesQuery): Promise<ChangesPage> {
    if (since !== undefined) {
      const events = await this.store.readAll(since, limit);
      return { items: await this.feed.describe(events), nextSince: events.at(-1)?.globalPosition ?? since };
    }
    const events = await this.store.readAllBackwards(before, limit);
    const oldest = events.at(-1)?.globalPosition;
    return { items: await this.feed.describe(events), nextBefore: oldest !== undefined && oldest > 1 && events.length === limit ? oldest : null };
  }
}
