import { Controller, Get, Inject, Param, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiOkResponse, ApiOperation, ApiParam, ApiResponse, ApiTags } from '@nestjs/swagger';
import type { WebhookOutbox } from '@story-tracker/event-store';
import { CurrentPrincipal, RequireRole } from '../auth/auth.decorators';
import type { Principal } from '../auth/roles';
import { ApiError } from '../errors/api-error';
import { problemResponse } from '../openapi/problem.schema';
import { validateInput } from '../validation/validate';
import { AlertBook } from './alert-book';
import { AlertFollower } from './alert-follower';
import { DeliveriesQueryDto } from './watch.dto';
import { WEBHOOK_OUTBOX } from './webhook-outbox.provider';

const READ_WAIT_MS = 2000;

export interface DeliveryAttemptView {
  readonly alertId: string;
  readonly attempt: number;
  readonly at: string;
  readonly status?: number;
  readonly error?: string;
}

const EXAMPLE = {
  items: [
    { alertId: '42-01JZ6Q4A1B2C3D4E5F6G7H8J9K', attempt: 2, at: '2022-02-11T19:30:06.120Z', status: 204 },
    { alertId: '42-01JZ6Q4A1B2C3D4E5F6G7H8J9K', attempt: 1, at: '2022-02-11T19:30:00.310Z', status: 503, error: 'Answered 503' },
  ],
};

/** The webhook attempts of a watch, for its owner. */
@ApiTags('watches and alerts (reporter)')
@ApiBearerAuth()
@RequireRole('reporter')
@ApiResponse({ status: 401, ...problemResponse('No token or an unknown token') })
@Controller('watches')
export class WebhookDeliveriesController {
  constructor(
    @Inject(WEBHOOK_OUTBOX) private readonly outbox: WebhookOutbox,
    private readonly book: AlertBook,
    private readonly follower: AlertFollower,
  ) {}

  @Get(':watchId/deliveries')
  @ApiOperation({ summary: "The watch's webhook attempts, newest first, at most `limit`: when, the status answered or why it failed (also after the watch was deleted)" })
  @ApiParam({ name: 'watchId', example: '01JZ6Q4A1B2C3D4E5F6G7H8J9K' })
  @ApiOkResponse({ schema: { example: EXAMPLE } })
  @ApiResponse({ status: 400, ...problemResponse('limit is not a whole number from 1 to 1000, or an unknown query parameter') })
  @ApiResponse({ status: 404, ...problemResponse("No such watch of yours (another actor's watch is not yours to see)") })
  async list(@Param('watchId') watchId: string, @Query() query: Record<string, unknown>, @CurrentPrincipal() principal: Principal): Promise<{ items: DeliveryAttemptView[] }> {
    const { limit } = validateInput(DeliveriesQueryDto, { ...query });
    let watch = this.book.watchEver(watchId);
    if (!watch) {
      // Made a moment ago on another instance: this one's book may not have it yet.
      await this.follower.caughtUp(READ_WAIT_MS);
      watch = this.book.watchEver(watchId);
    }
    if (!watch || watch.actor !== principal.actor) throw new ApiError('WatchNotFound', `You have no watch ${watchId}`);
    const attempts = await this.outbox.attempts(watchId, limit ?? 100);
    return { items: attempts.map(({ at, ...attempt }) => ({ alertId: attempt.alertId, attempt: attempt.attempt, at: new Date(at).toISOString(), ...(attempt.status !== undefined && { status: attempt.status }), ...(attempt.error !== undefined && { error: attempt.error }) })) };
  }
}
