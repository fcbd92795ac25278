import { Controller, Get, Query } from '@nestjs/common';
import { QueryBus } from '@nestjs/cqrs';
import { ApiBearerAuth, ApiOkResponse, ApiOperation, ApiResponse, ApiTags } from '@nestjs/swagger';
import { RequireRole } from '../auth/auth.decorators';
import { validationFailed } from '../errors/api-error';
import { problemResponse } from '../openapi/problem.schema';
import { validateInput } from '../validation/validate';
import { ChangesQueryDto } from './changes.query.dto';
import { GetChangesQuery, type ChangesPage } from './queries/get-changes.query';

const DEFAULT_LIMIT = 50;

/** The change feed across all stories: newest first, or everything after a global position. */
@ApiTags('changes (reporter)')
@ApiBearerAuth()
@RequireRole('reporter')
@Controller('changes')
export class ChangesController {
  constructor(private readonly queries: QueryBus) {}

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
  changes(@Query() query: Record<string, unknown>): Promise<ChangesPage> {
    const { since, before, limit = DEFAULT_LIMIT } = validateInput(ChangesQueryDto, { ...query });
    if (since !== undefined && before !== undefined) throw validationFailed([{ field: 'before', messages: ['give since or before, not both'] }]);
    return this.queries.execute(new GetChangesQuery(limit, since, before));
  }
}
