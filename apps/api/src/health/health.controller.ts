import { Controller, Get, Inject, Res } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiServiceUnavailableResponse, ApiTags } from '@nestjs/swagger';
import type { FastifyReply } from 'fastify';
import type { EventStore } from '@story-tracker/event-store';
import { ProjectionRunner } from '@story-tracker/projections';
import { PublicRoute } from '../auth/auth.decorators';
import { withTimeout } from '../common/with-timeout';
import { STORE_RETRY_AFTER_SECONDS } from '../errors/store-unavailable';
import { AppConfig, EVENT_STORE } from '@story-tracker/runtime';

export type HealthReport =
  | { status: 'ok'; eventStore: string; projections: { position: number; lag: number } }
  | { status: 'degraded'; eventStore: string; problem: string; projections: { position: number } };

/** How long /health waits for the store before it says the store does not answer. */
const STORE_CHECK_TIMEOUT_MS = 3000;

@ApiTags('health')
@Controller('health')
export class HealthController {
  constructor(
    private readonly config: AppConfig,
    @Inject(EVENT_STORE) private readonly store: EventStore,
    private readonly runner: ProjectionRunner,
  ) {}

  @Get()
  @PublicRoute()
  @ApiOperation({ summary: 'Liveness, the event store in use and how far the read models lag behind it (no token needed)' })
  @ApiOkResponse({ schema: { example: { status: 'ok', eventStore: 'sqlite', projections: { position: 42, lag: 0 } } } })
  @ApiServiceUnavailableResponse({
    description: 'The event store cannot be reached; the instance keeps trying and recovers by itself',
    schema: { example: { status: 'degraded', eventStore: 'postgres', problem: 'The event store does not answer', projections: { position: 42 } } },
  })
  async health(@Res({ passthrough: true }) reply: FastifyReply): Promise<HealthReport> {
    const eventStore = this.config.EVENT_STORE;
    const head = await withTimeout(this.store.headPosition(), STORE_CHECK_TIMEOUT_MS).catch(() => undefined);
    if (head === undefined) {
      void reply.status(503).header('retry-after', String(STORE_RETRY_AFTER_SECONDS));
      return { status: 'degraded', eventStore, problem: 'The event store does not answer', projections: { position: this.runner.position() } };
    }
    const position = Math.min(this.runner.position(), head);
    return { status: 'ok', eventStore, projections: { position, lag: head - position } };
  }
}
