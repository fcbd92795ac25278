import { Controller, Get, Inject } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import type { EventStore } from '@story-tracker/event-store';
import { ProjectionRunner } from '@story-tracker/projections';
import { PublicRoute } from '../auth/auth.decorators';
import { AppConfig, EVENT_STORE } from '@story-tracker/runtime';

export interface HealthReport {
  status: 'ok';
  eventStore: string;
  projections: { position: number; lag: number };
}

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
  async health(): Promise<HealthReport> {
    const head = await this.store.headPosition();
    const position = Math.min(this.runner.position(), head);
    return { status: 'ok', eventStore: this.config.EVENT_STORE, projections: { position, lag: head - position } };
  }
}
