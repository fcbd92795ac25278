import { Controller, Get, Param, Query } from '@nestjs/common';
import { QueryBus } from '@nestjs/cqrs';
import { ApiBearerAuth, ApiOkResponse, ApiOperation, ApiParam, ApiQuery, ApiResponse, ApiTags } from '@nestjs/swagger';
import type { TimelineEntry } from '@story-tracker/domain';
import { RequireRole } from '../auth/auth.decorators';
import { problemResponse } from '../openapi/problem.schema';
import { TROOP_ESTIMATE_KEY_NOTE } from '../stories/openapi/read.examples';
import { StoryIdPipe } from '../stories/story-id.pipe';
import { validateInput } from '../validation/validate';
import { DiffQueryDto, RevisionsQueryDto, TimelineQueryDto } from './dto/history.query.dto';
import { DIFF_EXAMPLE, REVISIONS_EXAMPLE, TIMELINE_EXAMPLE } from './history.examples';
import { GetDiffQuery, type StoryDiff } from './queries/get-diff.query';
import { GetRevisionsQuery, type RevisionsPage } from './queries/get-revisions.query';
import { GetTimelineQuery } from './queries/get-timeline.query';

const DEFAULT_REVISIONS_PAGE = 50;

/** A story's history for reporters: revisions in words, diffs between any two, the world-time timeline. */
@ApiTags('stories: history (reporter)')
@ApiBearerAuth()
@RequireRole('reporter')
@ApiParam({ name: 'id', example: 'russia-ukraine-standoff' })
@ApiResponse({ status: 400, ...problemResponse('Invalid query parameter') })
@ApiResponse({ status: 401, ...problemResponse('No token or an unknown token') })
@ApiResponse({ status: 404, ...problemResponse('No such story, or a revision past its end') })
@Controller('stories/:id')
export class StoryHistoryController {
  constructor(private readonly queries: QueryBus) {}

  @Get('revisions')
  @ApiOperation({ summary: 'The revision history: who did what, when and why, one line each; paged by from/limit' })
  @ApiOkResponse({ schema: { example: REVISIONS_EXAMPLE } })
  revisions(@Param('id', StoryIdPipe) storyId: string, @Query() query: Record<string, unknown>): Promise<RevisionsPage> {
    const { from, limit } = validateInput(RevisionsQueryDto, { ...query });
    return this.queries.execute(new GetRevisionsQuery(storyId, from ?? 1, limit ?? DEFAULT_REVISIONS_PAGE));
  }

  @Get('diff')
  @ApiOperation({ summary: 'What changed between two revisions: structured changes (JSON Pointer paths by entry id), descriptions, word diffs of headline and summary' })
  @ApiQuery({ name: 'from', required: true, example: 2 })
  @ApiQuery({ name: 'to', required: false, example: 3 })
  @ApiOkResponse({ description: `Changes at JSON Pointer paths into the state document. ${TROOP_ESTIMATE_KEY_NOTE}`, schema: { example: DIFF_EXAMPLE } })
  diff(@Param('id', StoryIdPipe) storyId: string, @Query() query: Record<string, unknown>): Promise<StoryDiff> {
    const { from, to } = validateInput(DiffQueryDto, { ...query });
    return this.queries.execute(new GetDiffQuery(storyId, from, to));
  }

  @Get('timeline')
  @ApiOperation({ summary: 'Live developments in world-time order (when they happened), late-recorded ones marked; or in record order' })
  @ApiOkResponse({ schema: { example: TIMELINE_EXAMPLE } })
  timeline(@Param('id', StoryIdPipe) storyId: string, @Query() query: Record<string, unknown>): Promise<{ items: readonly TimelineEntry[] }> {
    const { order } = validateInput(TimelineQueryDto, { ...query });
    return this.queries.execute(new GetTimelineQuery(storyId, order ?? 'world'));
  }
}
