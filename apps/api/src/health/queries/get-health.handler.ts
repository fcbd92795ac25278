import { Inject } from '@nestjs/common';
import { QueryHandler, type IQueryHandler } from '@nestjs/cqrs';
import type { EventStore } from '@story-tracker/event-store';
import { ProjectionRunner } from '@story-tracker/projections';
import { AppConfig, EVENT_STORE } from '@story-tracker/runtime';
import { withTimeout } from '../../common/with-timeout';
import { GetHealthQuery, type HealthReport } from './get-health.query';

/** How long /health waits for the store before it says the store does not answer. */
const STORE_CHECK_TIMEOUT_MS = 3000;

@QueryHandler(GetHealthQuery)
export class GetHealthHandler implements IQueryHandler<GetHealthQuery, HealthReport> {
  constructor(
    private readonly config: AppConfig,
    @Inject(EVENT_STORE) private readonly store: EventStore,
    private readonly runner: ProjectionRunner,
  ) {}

  async execute(): Promise<HealthReport> {
    const eventStore = this.config.EVENT_STORE;
    const head = await withTimeout(this.store.headPosition(), STORE_CHECK_TIMEOUT_MS).catch(() => undefined);
    if (head === undefined) return { status: 'degraded', eventStore, problem: 'The event store does not answer', projections: { position: this.runner.position() } };
    const position = Math.min(this.runner.position(), head);
    return { status: 'ok', eventStore, projections: { position, lag: head - position } };
  }
}
