import { Body, Controller, HttpCode, Param, Patch, Post, Req, Res } from '@nestjs/common';
import { CommandBus } from '@nestjs/cqrs';
import { ApiBearerAuth, ApiBody, ApiExtraModels, ApiTags, getSchemaPath } from '@nestjs/swagger';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { CurrentPrincipal, RequireRole } from '../auth/auth.decorators';
import type { Principal } from '../auth/roles';
import { IdGenerator } from '../common/clock';
import { ExecuteStoryCommand, type WriteResponse } from './commands/execute-story-command.command';
import { CorrectionDto, EmptyWriteDto, RetractionDto } from './dto/correction.dto';
import { DEVELOPMENT_DTOS } from './dto/developments/development-dto.registry';
import { ReviseStoryDto } from './dto/revise-story.dto';
import { DevelopmentTypeFinder } from './development-type.finder';
import { DEVELOPMENT_EXAMPLES } from './openapi/development.examples';
import { WriteDocs } from './openapi/write-docs.decorator';
import { sendWriteOutcome } from './story-write.response';
import { StoryIdPipe } from './story-id.pipe';
import { writeContextOf } from './write-context';
import { archiveStoryWrite, correctDevelopmentWrite, correctionBody, openStoryWrite, publishStoryWrite, recordDevelopmentWrite, retractDevelopmentWrite, reviseStoryWrite, type Write } from './write-commands';

/** The editors' writes. Each validates its input and dispatches one command; the handler does the rest. */
@ApiTags('stories: writes (editor)')
@ApiBearerAuth()
@ApiExtraModels(...Object.values(DEVELOPMENT_DTOS))
@RequireRole('editor')
@Controller('stories')
export class StoryWritesController {
  constructor(
    private readonly commands: CommandBus,
    private readonly ids: IdGenerator,
    private readonly developmentTypes: DevelopmentTypeFinder,
  ) {}

  @Post()
  @HttpCode(201)
  @WriteDocs({ summary: 'Open a story', created: 'StoryOpened', conflict: 'A story with this slug already exists' })
  async open(@Body() input: unknown, @Req() request: FastifyRequest, @Res({ passthrough: true }) reply: FastifyReply, @CurrentPrincipal() principal: Principal): Promise<WriteResponse> {
    const { storyId, ...write } = openStoryWrite(input);
    const body = await this.execute(storyId, write, request, reply, principal, 201);
    if (reply.statusCode === 201) void reply.header('location', `/stories/${storyId}`);
    return body;
  }

  @Patch(':id')
  @WriteDocs({ summary: 'Revise headline, summary or tags; appends only what really changed', body: ReviseStoryDto, ok: true })
  async revise(@Param('id', StoryIdPipe) storyId: string, @Body() input: unknown, @Req() request: FastifyRequest, @Res({ passthrough: true }) reply: FastifyReply, @CurrentPrincipal() principal: Principal): Promise<WriteResponse> {
    return this.execute(storyId, reviseStoryWrite(input), request, reply, principal, 200);
  }

  @Post(':id/developments')
  @HttpCode(201)
  @ApiBody({
    description: 'One development; `type` chooses its fields',
    schema: { oneOf: Object.values(DEVELOPMENT_DTOS).map((dto) => ({ $ref: getSchemaPath(dto) })), discriminator: { propertyName: 'type' } },
    examples: DEVELOPMENT_EXAMPLES(),
  })
  @WriteDocs({ summary: 'Record a development (troop estimate, meeting, demand, statement, denial, deployment, note)', created: 'one development event' })
  async record(@Param('id', StoryIdPipe) storyId: string, @Body() input: unknown, @Req() request: FastifyRequest, @Res({ passthrough: true }) reply: FastifyReply, @CurrentPrincipal() principal: Principal): Promise<WriteResponse> {
    return this.execute(storyId, recordDevelopmentWrite(input, () => this.ids.next()), request, reply, principal, 201);
  }

  @Post(':id/developments/:developmentId/corrections')
  @HttpCode(201)
  @WriteDocs({ summary: 'Correct fields of a development', body: CorrectionDto, created: 'DevelopmentCorrected', developmentPath: true })
  async correct(@Param('id', StoryIdPipe) storyId: string, @Param('developmentId') developmentId: string, @Body() input: unknown, @Req() request: FastifyRequest, @Res({ passthrough: true }) reply: FastifyReply, @CurrentPrincipal() principal: Principal): Promise<WriteResponse> {
    const body = correctionBody(input);
    const type = await this.developmentTypes.find(storyId, developmentId);
    return this.execute(storyId, correctDevelopmentWrite(developmentId, type, body), request, reply, principal, 201);
  }

  @Post(':id/developments/:developmentId/retractions')
  @HttpCode(201)
  @WriteDocs({ summary: 'Retract a development: it leaves the current state, the history keeps it', body: RetractionDto, created: 'DevelopmentRetracted', developmentPath: true })
  async retract(@Param('id', StoryIdPipe) storyId: string, @Param('developmentId') developmentId: string, @Body() input: unknown, @Req() request: FastifyRequest, @Res({ passthrough: true }) reply: FastifyReply, @CurrentPrincipal() principal: Principal): Promise<WriteResponse> {
    return this.execute(storyId, retractDevelopmentWrite(developmentId, input), request, reply, principal, 201);
  }

  @Post(':id/publish')
  @HttpCode(201)
  @WriteDocs({ summary: 'Publish the story', body: EmptyWriteDto, created: 'StoryPublished' })
  async publish(@Param('id', StoryIdPipe) storyId: string, @Body() input: unknown, @Req() request: FastifyRequest, @Res({ passthrough: true }) reply: FastifyReply, @CurrentPrincipal() principal: Principal): Promise<WriteResponse> {
    return this.execute(storyId, publishStoryWrite(input), request, reply, principal, 201);
  }

  @Post(':id/archive')
  @HttpCode(201)
  @WriteDocs({ summary: 'Archive the story: it takes no more writes', body: EmptyWriteDto, created: 'StoryArchived' })
  async archive(@Param('id', StoryIdPipe) storyId: string, @Body() input: unknown, @Req() request: FastifyRequest, @Res({ passthrough: true }) reply: FastifyReply, @CurrentPrincipal() principal: Principal): Promise<WriteResponse> {
    return this.execute(storyId, archiveStoryWrite(input), request, reply, principal, 201);
  }

  private async execute(storyId: string, { command, editSummary }: Write, request: FastifyRequest, reply: FastifyReply, principal: Principal, status: 200 | 201): Promise<WriteResponse> {
    const context = writeContextOf(request, principal, status, editSummary);
    const outcome = await this.commands.execute(new ExecuteStoryCommand(storyId, command, context));
    return sendWriteOutcome(reply, outcome);
  }
}
