import { Controller, Get, Inject, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiOkResponse, ApiOperation, ApiResponse, ApiTags } from '@nestjs/swagger';
import type { EventStore } from '@story-tracker/event-store';
import { RequireRole } from '../auth/auth.decorators';
import { validationFailed } from '../errors/api-error';
import { problemResponse } from '../openapi/problem.schema';
import { validateInput } from '../validation/validate';
import { ChangeFeedService, type ChangeItem } from './change-feed.service';
import { ChangesQueryDto } from './changes.query.dto';
import { EVENT_STORE } from '@story-tracker/runtime';

const DEFAULT_LIMIT = 50;

export interface ChangesPage {
  readonly items: readonly ChangeItem[];
  /** With `since`: the position to ask from next (the last one returned, or `since` when nothing is new). */
  readonly nextSince?: number;
  /** Newest first: the position to page back from, null at the very first change. */
  readonly nextBefore?: number | null;
}

/** The change feed across all stories: newest first, or everything after a global position. */
@ApiTags('changes (reporter)')
@ApiBearerAuth()
@RequireRole('reporter')
@Controller('changes')
export class ChangesController {
  constructor(
    @Inject(EVENT_STORE) private readonly store: EventStore,
    private readonly feed: ChangeFeedService,
  ) {}

  @Get()
  @ApiOperation({ summary: 'Recent changes across all stories: newest first (page back with before), or in order after a global position (since)' })
  @ApiOkResponse({
    schema: {
      example: {
        items: [{ globalPosition: 42, storyId: 'russia-ukraine-standoff', revision: 17, type: 'StoryPublished', description: 'Story published', actor: 'editor', recordedAt: '2022-02-07T18:30:00.000Z' }],
        nextBefore: 42,
      },
    },
  })
  @ApiResponse({ status: 400, ...problemResponse('Invalid query parameter') })
  async changes(@Query() query: Record<string, unknown>): Promise<ChangesPage> {
    const { since, before, limit = DEFAULT_LIMIT } = validateInput(ChangesQueryDto, { ...query });
    if (since !== undefined && before !== undefined) throw validationFailed([{ field: 'before', messages: ['give since or before, not both'] }]);
    if (since !== undefined) {
      const events = await this.store.readAll(since, limit);
      return { items: await this.feed.describe(events), nextSince: events.at(-1)?.globalPosition ?? since };
    }
    const events = await this.store.readAllBackwards(before, limit);
    const oldest = events.at(-1)?.globalPosition;
    return { items: await this.feed.describe(events), nextBefore: oldest !== undefined && oldest > 1 && events.length === limit ? oldest : null };
  }
}
