import { Controller, Get, Headers, Query, Res } from '@nestjs/common';
import { ApiBearerAuth, ApiHeader, ApiOkResponse, ApiOperation, ApiProduces, ApiResponse, ApiTags } from '@nestjs/swagger';
import type { FastifyReply } from 'fastify';
import { CurrentPrincipal, RequireRole } from '../auth/auth.decorators';
import type { Principal } from '../auth/roles';
import { validationFailed } from '../errors/api-error';
import { problemResponse } from '../openapi/problem.schema';
import { validateInput } from '../validation/validate';
import { AlertBook, parseAlertId, publicAlert, type Alert } from './alert-book';
import { AlertFollower } from './alert-follower';
import { AlertStreams } from './alert-streams';

const READ_WAIT_MS = 2000;
import { AlertsQueryDto } from './watch.dto';

const ALERT_EXAMPLE = {
  id: '42-01JZ6Q4A1B2C3D4E5F6G7H8J9K',
  watchId: '01JZ6Q4A1B2C3D4E5F6G7H8J9K',
  storyId: 'russia-ukraine-standoff',
  revision: 18,
  kind: 'estimate',
  description: 'Troop estimate for Russia near the Ukrainian border: 100,000 → 130,000 (US officials)',
  at: '2022-02-11T19:30:00.000Z',
};

/** The caller's alerts: read after the last one seen, or live. */
@ApiTags('watches and alerts (reporter)')
@ApiBearerAuth()
@RequireRole('reporter')
@ApiResponse({ status: 400, ...problemResponse('since / Last-Event-ID is not an alert id, or an unknown query parameter') })
@ApiResponse({ status: 401, ...problemResponse('No token or an unknown token') })
@Controller('alerts')
export class AlertsController {
  constructor(
    private readonly book: AlertBook,
    private readonly streams: AlertStreams,
    private readonly follower: AlertFollower,
  ) {}

  @Get()
  @ApiOperation({ summary: "The caller's alerts after `since` (an alert id), oldest first, at most `limit`" })
  @ApiOkResponse({ schema: { example: { items: [ALERT_EXAMPLE] } } })
  async list(@Query() query: Record<string, unknown>, @CurrentPrincipal() principal: Principal): Promise<{ items: Alert[] }> {
    const { since, limit } = validateInput(AlertsQueryDto, { ...query });
    const after = since === undefined ? undefined : alertIdIn(since, 'since');
    // What is committed now has raised its alerts before they are read (not forever: a store that
    // went away leaves the alerts kept so far).
    await this.follower.caughtUp(READ_WAIT_MS);
    return { items: this.book.alertsAfter(principal.actor, after, limit ?? 100).map(publicAlert) };
  }

  @Get('live')
  @ApiOperation({ summary: "The caller's alerts as Server-Sent Events from now (`id:` the alert id); reconnect with Last-Event-ID to get what was missed first" })
  @ApiProduces('text/event-stream')
  @ApiHeader({ name: 'Last-Event-ID', required: false, description: 'Resume after this alert id' })
  @ApiOkResponse({ content: { 'text/event-stream': { schema: { type: 'string' }, example: `retry: 3000\n\nid: ${ALERT_EXAMPLE.id}\ndata: ${JSON.stringify(ALERT_EXAMPLE)}\n\n` } } })
  @ApiResponse({ status: 429, ...problemResponse('The token already holds LIVE_MAX_STREAMS_PER_TOKEN live streams (code TooManyLiveStreams)') })
  live(@Query() query: Record<string, unknown>, @Headers('last-event-id') lastEventId: string | undefined, @Res() reply: FastifyReply, @CurrentPrincipal() principal: Principal): void {
    const { since } = validateInput(AlertsQueryDto, { ...query });
    const resume = lastEventId?.trim() ? lastEventId.trim() : since;
    const after = resume === undefined ? undefined : alertIdIn(resume, 'Last-Event-ID');
    this.streams.serve(reply, { actor: principal.actor, tokenId: principal.tokenId, ...(after && { after }) });
  }
}

function alertIdIn(text: string, field: string): { position: number; watchId: string } {
  const id = parseAlertId(text);
  if (!id) throw validationFailed([{ field, messages: [`${field} must be an alert id, like 42-01JZ6Q4A1B2C3D4E5F6G7H8J9K`] }]);
  return id;
}
