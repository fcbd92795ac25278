import { Controller, Get, Param, Query, Res } from '@nestjs/common';
import { QueryBus } from '@nestjs/cqrs';
import { ApiBearerAuth, ApiOkResponse, ApiOperation, ApiParam, ApiResponse, ApiTags } from '@nestjs/swagger';
import type { StoryDocument } from '@story-tracker/domain';
import type { StoryListPage } from '@story-tracker/projections';
import type { FastifyReply } from 'fastify';
import { RequireRole } from '../auth/auth.decorators';
import { problemResponse } from '../openapi/problem.schema';
import { validateInput } from '../validation/validate';
import { ListStoriesQueryDto } from './dto/list-stories.query.dto';
import { STORY_DOCUMENT_EXAMPLE, STORY_LIST_EXAMPLE } from './openapi/read.examples';
import { GetStoryQuery } from './queries/get-story.query';
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
  @ApiOperation({ summary: 'The current state of a story; ETag carries its revision' })
  @ApiParam({ name: 'id', example: 'russia-ukraine-standoff' })
  @ApiOkResponse({ description: 'The current state document', schema: { example: STORY_DOCUMENT_EXAMPLE } })
  @ApiResponse({ status: 404, ...problemResponse('No such story') })
  async get(@Param('id', StoryIdPipe) storyId: string, @Res({ passthrough: true }) reply: FastifyReply): Promise<StoryDocument> {
    const document = await this.queries.execute(new GetStoryQuery(storyId));
    void reply.header('etag', `"${document.revision}"`);
    return document;
  }
}
