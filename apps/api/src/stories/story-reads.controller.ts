import { Controller, Get, Headers, Param, Query, Res } from '@nestjs/common';
import { QueryBus } from '@nestjs/cqrs';
import { ApiBearerAuth, ApiOkResponse, ApiOperation, ApiParam, ApiQuery, ApiResponse, ApiTags } from '@nestjs/swagger';
import type { StoryListPage } from '@story-tracker/projections';
import type { FastifyReply } from 'fastify';
import { RequireRole } from '../auth/auth.decorators';
import { CACHE_CONTROL } from '../http/response-headers';
import { problemResponse } from '../openapi/problem.schema';
import { validateInput } from '../validation/validate';
import { ListStoriesQueryDto } from './dto/list-stories.query.dto';
import { StoryAtQueryDto } from './dto/story-at.query.dto';
import { validationFailed } from '../errors/api-error';
import { STORY_DOCUMENT_EXAMPLE, STORY_LIST_EXAMPLE, TROOP_ESTIMATE_KEY_NOTE } from './openapi/read.examples';
import { DOCUMENT_CONTENT_TYPE } from './documents/document-bytes';
import { GetStoryQuery, type StoryPointInTime } from './queries/get-story.query';
import { ListStoriesQuery } from './queries/list-stories.query';
import { StoryIdPipe } from './story-id.pipe';

const DEFAULT_PAGE_SIZE = 20;

/** What reporters read: the list of stories and a story's current state. */
@ApiTags('stories: reads (reporter)')
@ApiBearerAuth()
@RequireRole('reporter')
@Controller('stories')
export class StoryReadsController {
  constructor(private readonly queries: QueryBus) {}

  @Get()
  @ApiOperation({ summary: 'Stories, newest change first; filter by tag or text, paged by cursor' })
  @ApiOkResponse({ description: 'A page of stories', schema: { example: STORY_LIST_EXAMPLE } })
  @ApiResponse({ status: 400, ...problemResponse('Invalid query parameter') })
  @ApiResponse({ status: 401, ...problemResponse('No token or an unknown token') })
  list(@Query() query: Record<string, unknown>): Promise<StoryListPage> {
    const { q, tag, limit, cursor } = validateInput(ListStoriesQueryDto, { ...query });
    return this.queries.execute(
      new ListStoriesQuery({ limit: limit ?? DEFAULT_PAGE_SIZE, ...(q && { q }), ...(tag && { tag }), ...(cursor && { cursor }) }),
    );
  }

  @Get(':id')
  @ApiOperation({ summary: 'The state of a story, now or at a revision or record time; ETag carries its revision' })
  @ApiParam({ name: 'id', example: 'russia-ukraine-standoff' })
  @ApiQuery({ name: 'revision', required: false, description: 'The state right after this revision', example: 5 })
  @ApiQuery({ name: 'asOf', required: false, description: 'The state as recorded at this time (ISO-8601)', example: '2022-02-07T12:00:00.000Z' })
  @ApiOkResponse({ description: `The state document (current, or as it stood then). ${TROOP_ESTIMATE_KEY_NOTE}`, schema: { example: STORY_DOCUMENT_EXAMPLE } })
  @ApiResponse({ status: 304, description: 'If-None-Match names this revision: the reader has it already' })
  @ApiResponse({ status: 400, ...problemResponse('revision is not a positive whole number, asOf is not a time, or both were given') })
  @ApiResponse({ status: 404, ...problemResponse('No such story, a revision past its end, or a time before it was opened') })
  async get(
    @Param('id', StoryIdPipe) storyId: string,
    @Query() query: Record<string, unknown>,
    @Headers('if-none-match') ifNoneMatch: string | undefined,
    @Res({ passthrough: true }) reply: FastifyReply,
  ): Promise<Buffer | undefined> {
    const document = await this.queries.execute(new GetStoryQuery(storyId, pointInTime(query)));
    // Kept by the reader's browser only, and asked for again each time: a 304 while nothing changed.
    void reply.header('etag', document.etag).header('cache-control', CACHE_CONTROL.revalidate);
    // A reader that already has this revision (a page polling, a cache) gets no body again.
    if (ifNoneMatch?.split(',').some((tag) => tag.trim().replace(/^W\//, '') === document.etag)) {
      void reply.status(304);
      return undefined;
    }
    // The bytes as serialized when this revision was first read: sent as they are, not serialized again.
    void reply.header('content-type', DOCUMENT_CONTENT_TYPE);
    return document.body;
  }
}

/** `?revision=N`, `?asOf=<time>` or neither (most reads: the latest state, with nothing to validate). */
function pointInTime(query: Record<string, unknown>): StoryPointInTime {
  if (Object.keys(query).length === 0) return undefined;
  const { revision, asOf } = validateInput(StoryAtQueryDto, { ...query });
  if (revision !== undefined && asOf !== undefined) throw validationFailed([{ field: 'asOf', messages: ['give revision or asOf, not both'] }]);
  return revision !== undefined ? { revision } : asOf !== undefined ? { asOf: new Date(asOf) } : undefined;
}
