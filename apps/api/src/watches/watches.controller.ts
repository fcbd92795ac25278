import { Body, Controller, Delete, Get, HttpCode, Param, Post, Req, Res } from '@nestjs/common';
import { ApiBearerAuth, ApiCreatedResponse, ApiOkResponse, ApiOperation, ApiParam, ApiResponse, ApiTags } from '@nestjs/swagger';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { writeContextOf } from '../stories/write-context';
import { CurrentPrincipal, RequireRole } from '../auth/auth.decorators';
import type { Principal } from '../auth/roles';
import { validationFailed } from '../errors/api-error';
import { problemResponse } from '../openapi/problem.schema';
import { validateInput } from '../validation/validate';
import { CreateWatchDto } from './watch.dto';
import { WatchesService, type WatchView } from './watches.service';

const WATCH_EXAMPLE = {
  id: '01JZ6Q4A1B2C3D4E5F6G7H8J9K',
  storyId: 'russia-ukraine-standoff',
  on: ['estimate', 'meeting', 'demand', 'correction', 'retraction', 'headline'],
  estimateThresholdPercent: 10,
  webhook: { url: 'https://hooks.example.org/story-tracker', secret: 'whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw' },
};

/** A reporter's watches: what to be alerted of, on which story, and where to post it. */
@ApiTags('watches and alerts (reporter)')
@ApiBearerAuth()
@RequireRole('reporter')
@ApiResponse({ status: 401, ...problemResponse('No token or an unknown token') })
@Controller('watches')
export class WatchesController {
  constructor(private readonly watches: WatchesService) {}

  @Post()
  @HttpCode(201)
  @ApiOperation({ summary: 'Watch a story: alerts on each material change from now on; the webhook secret (whsec_…) is shown only in this answer' })
  @ApiCreatedResponse({ schema: { example: WATCH_EXAMPLE } })
  @ApiResponse({ status: 400, ...problemResponse('Invalid body: an unknown kind, an empty on, a threshold out of range, a URL that is not http(s)') })
  @ApiResponse({ status: 404, ...problemResponse('No such story') })
  @ApiResponse({ status: 422, ...problemResponse('The webhook host is not in WEBHOOK_ALLOWED_HOSTS (code WebhookHostNotAllowed)') })
  async create(@Body() input: unknown, @CurrentPrincipal() principal: Principal, @Req() request: FastifyRequest, @Res({ passthrough: true }) reply: FastifyReply): Promise<WatchView> {
    const body = validateInput(CreateWatchDto, input);
    // The headers every write reads (a retried request with the same Idempotency-Key makes one watch).
    const context = writeContextOf(request, principal, 201, undefined);
    if (context.expectedRevision !== undefined) throw validationFailed([{ field: 'If-Match', messages: ['If-Match does not apply to a new watch'] }]);
    const { view, replayed } = await this.watches.create(principal.actor, body, context);
    if (replayed) void reply.header('idempotent-replayed', 'true');
    return view;
  }

  @Get()
  @ApiOperation({ summary: "The caller's own watches, without their webhook secrets" })
  @ApiOkResponse({ schema: { example: { items: [{ ...WATCH_EXAMPLE, webhook: { url: WATCH_EXAMPLE.webhook.url } }] } } })
  list(@CurrentPrincipal() principal: Principal, @Req() request: FastifyRequest): { items: WatchView[] } {
    refuseQuery(request);
    return { items: this.watches.list(principal.actor) };
  }

  @Delete(':watchId')
  @HttpCode(204)
  @ApiOperation({ summary: 'Stop watching: no more alerts, pending webhook deliveries cancelled; past alerts stay' })
  @ApiParam({ name: 'watchId', example: WATCH_EXAMPLE.id })
  @ApiResponse({ status: 204, description: 'Deleted' })
  @ApiResponse({ status: 404, ...problemResponse("No such watch of yours (another actor's watch is not yours to see)") })
  async remove(@Param('watchId') watchId: string, @CurrentPrincipal() principal: Principal, @Req() request: FastifyRequest): Promise<void> {
    refuseQuery(request);
    await this.watches.delete(principal.actor, watchId, String(request.id));
  }
}

/** These routes read no query: a parameter sent would be silently ignored, so it is refused. */
function refuseQuery(request: FastifyRequest): void {
  const names = Object.keys((request.query ?? {}) as Record<string, unknown>);
  if (names.length > 0) throw validationFailed(names.map((name) => ({ field: name, messages: [`${name}: this route takes no query parameters`] })));
}
