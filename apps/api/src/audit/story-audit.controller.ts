import { Controller, Get, Headers, Param, Res } from '@nestjs/common';
import { QueryBus } from '@nestjs/cqrs';
import { ApiBearerAuth, ApiOkResponse, ApiOperation, ApiParam, ApiProduces, ApiResponse, ApiTags } from '@nestjs/swagger';
import type { StoryAudit } from '@story-tracker/audit';
import type { FastifyReply } from 'fastify';
import { RequireRole } from '../auth/auth.decorators';
import { problemResponse } from '../openapi/problem.schema';
import { StoryIdPipe } from '../stories/story-id.pipe';
import { AUDIT_EXAMPLE, RAW_EVENT_EXAMPLE } from './audit.examples';
import { streamNdjson } from './ndjson.stream';
import { GetAuditQuery } from './queries/get-audit.query';
import { GetRawLogQuery } from './queries/get-raw-log.query';

/** What auditors read: the raw event log as stored, and the verification of its hash chain. */
@ApiTags('stories: audit (auditor)')
@ApiBearerAuth()
@RequireRole('auditor')
@ApiParam({ name: 'id', example: 'russia-ukraine-standoff' })
@ApiResponse({ status: 401, ...problemResponse('No token or an unknown token') })
@ApiResponse({ status: 403, ...problemResponse('The token has no auditor role') })
@ApiResponse({ status: 404, ...problemResponse('No such story') })
@Controller('stories/:id')
export class StoryAuditController {
  constructor(private readonly queries: QueryBus) {}

  @Get('events')
  @ApiOperation({ summary: 'The raw events in order with all their metadata and hashes; Accept: application/x-ndjson streams them in constant memory' })
  @ApiProduces('application/json', 'application/x-ndjson')
  @ApiOkResponse({ schema: { example: { items: [RAW_EVENT_EXAMPLE] } } })
  async events(@Param('id', StoryIdPipe) storyId: string, @Headers('accept') accept: string | undefined, @Res({ passthrough: true }) reply: FastifyReply): Promise<unknown> {
    const entries = await this.queries.execute(new GetRawLogQuery(storyId));
    if (accept?.includes('application/x-ndjson')) return streamNdjson(reply, entries);
    const items = [];
    for await (const entry of entries) items.push(entry);
    return { items };
  }

  @Get('audit')
  @ApiOperation({ summary: 'Recomputes the hash chain and replays the state from scratch; locates the first altered, deleted or reordered event' })
  @ApiOkResponse({ schema: { example: AUDIT_EXAMPLE } })
  audit(@Param('id', StoryIdPipe) storyId: string): Promise<StoryAudit> {
    return this.queries.execute(new GetAuditQuery(storyId));
  }
}
