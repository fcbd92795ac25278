import { Controller, Get, Res } from '@nestjs/common';
import { QueryBus } from '@nestjs/cqrs';
import { ApiOkResponse, ApiOperation, ApiServiceUnavailableResponse, ApiTags } from '@nestjs/swagger';
import type { FastifyReply } from 'fastify';
import { PublicRoute } from '../auth/auth.decorators';
import { STORE_RETRY_AFTER_SECONDS } from '../errors/store-unavailable';
import { GetHealthQuery, type HealthReport } from './queries/get-health.query';

/**
 * Health is not a read of the domain, but it goes through the QueryBus like every other read, so that
 * no controller reaches into the event store: the handler asks the store and the projection runner,
 * the controller turns a degraded report into a 503 with Retry-After.
 */
@ApiTags('health')
@Controller('health')
export class HealthController {
  constructor(private readonly queries: QueryBus) {}

  @Get()
  @PublicRoute()
  @ApiOperation({ summary: 'Liveness, the event store in use and how far the read models lag behind it (no token needed)' })
  @ApiOkResponse({ schema: { example: { status: 'ok', eventStore: 'sqlite', projections: { position: 42, lag: 0 } } } })
  @ApiServiceUnavailableResponse({
    description: 'The event store cannot be reached; the instance keeps trying and recovers by itself',
    schema: { example: { status: 'degraded', eventStore: 'postgres', problem: 'The event store does not answer', projections: { position: 42 } } },
  })
  async health(@Res({ passthrough: true }) reply: FastifyReply): Promise<HealthReport> {
    const report = await this.queries.execute(new GetHealthQuery());
    if (report.status === 'degraded') void reply.status(503).header('retry-after', String(STORE_RETRY_AFTER_SECONDS));
    return report;
  }
}
