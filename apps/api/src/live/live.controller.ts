import { Controller, Get, Headers, Param, Query, Res } from '@nestjs/common';
import { QueryBus } from '@nestjs/cqrs';
import { ApiBearerAuth, ApiHeader, ApiOkResponse, ApiOperation, ApiParam, ApiProduces, ApiResponse, ApiTags } from '@nestjs/swagger';
import { STORY_STREAM_PREFIX, storyStreamName } from '@story-tracker/domain';
import type { FastifyReply } from 'fastify';
import { CurrentPrincipal, RequireRole } from '../auth/auth.decorators';
import type { Principal } from '../auth/roles';
import { validationFailed } from '../errors/api-error';
import { problemResponse } from '../openapi/problem.schema';
import { AssertStoryExistsQuery } from '../story-loader/queries/assert-story-exists.query';
import { StoryIdPipe } from '../stories/story-id.pipe';
import { validateInput } from '../validation/validate';
import { parseWholeNumber, WHOLE_NUMBER_RULE } from '../validation/whole-number';
import { LiveQueryDto } from './live-query.dto';
import { LiveStreams } from './live-streams.service';

const STREAM_EXAMPLE =
  'retry: 3000\n\n' +
  'id: 43\ndata: {"storyId":"russia-ukraine-standoff","revision":18,"type":"MeetingScheduled","developmentId":"01JZ6Q3V7C9X4M2B8N5K0T1R6W","description":"Meeting scheduled: Olaf Scholz and Vladimir Putin in Moscow on 15 February 2022"}\n\n' +
  ': heartbeat\n\n';

/** Live updates as Server-Sent Events: one story, or every story. */
@ApiTags('live (reporter)')
@ApiBearerAuth()
@RequireRole('reporter')
@ApiProduces('text/event-stream')
@ApiHeader({ name: 'Last-Event-ID', required: false, description: 'Resume after this global position (the `id:` of the last message received)' })
@ApiOkResponse({
  description:
    'A stream of Server-Sent Events, headers sent at once: one unnamed message per appended event, `id:` its global position, ' +
    '`data:` JSON { storyId, revision, type, developmentId?, description }; a `: heartbeat` comment every 15 seconds',
  content: { 'text/event-stream': { schema: { type: 'string' }, example: STREAM_EXAMPLE } },
})
@ApiResponse({ status: 400, ...problemResponse('Last-Event-ID (or lastEventId) is not a global position, or an unknown query parameter') })
@ApiResponse({ status: 401, ...problemResponse('No token or an unknown token') })
@ApiResponse({
  status: 429,
  ...problemResponse('The token already holds LIVE_MAX_STREAMS_PER_TOKEN live streams (code TooManyLiveStreams); Retry-After says when to try again'),
  headers: { 'Retry-After': { description: 'Seconds to wait before trying again', schema: { type: 'integer' } } },
})
@Controller()
export class LiveController {
  constructor(
    private readonly queries: QueryBus,
    private readonly streams: LiveStreams,
  ) {}

  @Get('stories/:id/live')
  @ApiOperation({ summary: "Live updates of one story (Server-Sent Events); reconnect with Last-Event-ID to get what was missed first" })
  @ApiParam({ name: 'id', example: 'russia-ukraine-standoff' })
  @ApiResponse({ status: 404, ...problemResponse('No such story') })
  async story(
    @Param('id', StoryIdPipe) storyId: string,
    @Query() query: Record<string, unknown>,
    @Headers('last-event-id') lastEventIdHeader: string | undefined,
    @Res() reply: FastifyReply,
    @CurrentPrincipal() principal: Principal,
  ): Promise<void> {
    const afterPosition = resumePosition(query, lastEventIdHeader);
    await this.queries.execute(new AssertStoryExistsQuery(storyId));
    const stream = storyStreamName(storyId);
    await this.streams.serve(reply, { tokenId: principal.tokenId, accepts: (event) => event.streamId === stream, ...(afterPosition !== undefined && { afterPosition }) });
  }

  @Get('changes/live')
  @ApiOperation({ summary: 'Live updates of every story (Server-Sent Events); reconnect with Last-Event-ID to get what was missed first' })
  async changes(@Query() query: Record<string, unknown>, @Headers('last-event-id') lastEventIdHeader: string | undefined, @Res() reply: FastifyReply, @CurrentPrincipal() principal: Principal): Promise<void> {
    const afterPosition = resumePosition(query, lastEventIdHeader);
    await this.streams.serve(reply, { tokenId: principal.tokenId, accepts: (event) => event.streamId.startsWith(STORY_STREAM_PREFIX), ...(afterPosition !== undefined && { afterPosition }) });
  }
}

/** Where a reconnecting client resumes: the Last-Event-ID header, else `?lastEventId=`; none for a new client. */
function resumePosition(query: Record<string, unknown>, header: string | undefined): number | undefined {
  const { lastEventId } = validateInput(LiveQueryDto, { ...query });
  const sent = header?.trim() ? header.trim() : lastEventId;
  if (sent === undefined) return undefined;
  const position = parseWholeNumber(sent);
  if (position === undefined) throw validationFailed([{ field: 'Last-Event-ID', messages: [`Last-Event-ID must be a global position: ${WHOLE_NUMBER_RULE}`] }]);
  return position;
}
