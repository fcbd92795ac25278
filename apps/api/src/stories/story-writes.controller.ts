import { Body, Controller, HttpCode, Param, Patch, Post, Req, Res } from '@nestjs/common';
import { CommandBus } from '@nestjs/cqrs';
import { ApiBearerAuth, ApiBody, ApiExtraModels, ApiTags, getSchemaPath } from '@nestjs/swagger';
import type { StoryCommand } from '@story-tracker/domain';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { CurrentPrincipal, RequireRole } from '../auth/auth.decorators';
import type { Principal } from '../auth/roles';
import { validationFailed } from '../errors/api-error';
import { parseCorrectionChanges, parseDevelopment } from '../validation/development-input';
import { validateInput } from '../validation/validate';
import { IdGenerator } from '../common/clock';
import { ExecuteStoryCommand, type WriteResponse } from './commands/execute-story-command.command';
import { CorrectionDto, EmptyWriteDto, RetractionDto } from './dto/correction.dto';
import { DEVELOPMENT_DTOS } from './dto/developments/development-dto.registry';
import { OpenStoryDto } from './dto/open-story.dto';
import { ReviseStoryDto } from './dto/revise-story.dto';
import { DevelopmentTypeFinder } from './development-type.finder';
import { DEVELOPMENT_EXAMPLES } from './openapi/development.examples';
import { WriteDocs } from './openapi/write-docs.decorator';
import { sendWriteOutcome } from './story-write.response';
import { StoryIdPipe } from './story-id.pipe';
import { writeContextOf } from './write-context';

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
    const { slug, headline, summary, tags, editSummary } = validateInput(OpenStoryDto, input);
    const command: StoryCommand = { type: 'OpenStory', data: { storyId: slug, headline, ...(summary !== undefined && { summary }), ...(tags && { tags }) } };
    const body = await this.execute(slug, command, request, reply, principal, 201, editSummary);
    if (reply.statusCode === 201) void reply.header('location', `/stories/${slug}`);
    return body;
  }

  @Patch(':id')
  @WriteDocs({ summary: 'Revise headline, summary or tags; appends only what really changed', body: ReviseStoryDto, ok: true })
  async revise(@Param('id', StoryIdPipe) storyId: string, @Body() input: unknown, @Req() request: FastifyRequest, @Res({ passthrough: true }) reply: FastifyReply, @CurrentPrincipal() principal: Principal): Promise<WriteResponse> {
    const { headline, summary, tags, editSummary } = validateInput(ReviseStoryDto, input);
    if (headline === undefined && summary === undefined && tags === undefined) {
      throw validationFailed([{ field: 'body', messages: ['send at least one of headline, summary, tags'] }]);
    }
    const data = { ...(headline !== undefined && { headline }), ...(summary !== undefined && { summary }), ...(tags !== undefined && { tags }) };
    return this.execute(storyId, { type: 'ReviseStory', data }, request, reply, principal, 200, editSummary);
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
    const { development, editSummary } = parseDevelopment(input);
    const command: StoryCommand = { type: 'RecordDevelopment', data: { developmentId: this.ids.next(), development } };
    return this.execute(storyId, command, request, reply, principal, 201, editSummary);
  }

  @Post(':id/developments/:developmentId/corrections')
  @HttpCode(201)
  @WriteDocs({ summary: 'Correct fields of a development', body: CorrectionDto, created: 'DevelopmentCorrected', developmentPath: true })
  async correct(@Param('id', StoryIdPipe) storyId: string, @Param('developmentId') developmentId: string, @Body() input: unknown, @Req() request: FastifyRequest, @Res({ passthrough: true }) reply: FastifyReply, @CurrentPrincipal() principal: Principal): Promise<WriteResponse> {
    const { changes, reason, editSummary } = validateInput(CorrectionDto, input);
    const type = await this.developmentTypes.find(storyId, developmentId);
    const command: StoryCommand = { type: 'CorrectDevelopment', data: { developmentId, changes: parseCorrectionChanges(type, changes), reason } };
    return this.execute(storyId, command, request, reply, principal, 201, editSummary);
  }

  @Post(':id/developments/:developmentId/retractions')
  @HttpCode(201)
  @WriteDocs({ summary: 'Retract a development: it leaves the current state, the history keeps it', body: RetractionDto, created: 'DevelopmentRetracted', developmentPath: true })
  async retract(@Param('id', StoryIdPipe) storyId: string, @Param('developmentId') developmentId: string, @Body() input: unknown, @Req() request: FastifyRequest, @Res({ passthrough: true }) reply: FastifyReply, @CurrentPrincipal() principal: Principal): Promise<WriteResponse> {
    const { reason, editSummary } = validateInput(RetractionDto, input);
    return this.execute(storyId, { type: 'RetractDevelopment', data: { developmentId, reason } }, request, reply, principal, 201, editSummary);
  }

  @Post(':id/publish')
  @HttpCode(201)
  @WriteDocs({ summary: 'Publish the story', body: EmptyWriteDto, created: 'StoryPublished' })
  async publish(@Param('id', StoryIdPipe) storyId: string, @Body() input: unknown, @Req() request: FastifyRequest, @Res({ passthrough: true }) reply: FastifyReply, @CurrentPrincipal() principal: Principal): Promise<WriteResponse> {
    const { editSummary } = validateInput(EmptyWriteDto, input ?? {});
    return this.execute(storyId, { type: 'PublishStory', data: {} }, request, reply, principal, 201, editSummary);
  }

  @Post(':id/archive')
  @HttpCode(201)
  @WriteDocs({ summary: 'Archive the story: it takes no more writes', body: EmptyWriteDto, created: 'StoryArchived' })
  async archive(@Param('id', StoryIdPipe) storyId: string, @Body() input: unknown, @Req() request: FastifyRequest, @Res({ passthrough: true }) reply: FastifyReply, @CurrentPrincipal() principal: Principal): Promise<WriteResponse> {
    const { editSummary } = validateInput(EmptyWriteDto, input ?? {});
    return this.execute(storyId, { type: 'ArchiveStory', data: {} }, request, reply, principal, 201, editSummary);
  }

  private async execute(storyId: string, command: StoryCommand, request: FastifyRequest, reply: FastifyReply, principal: Principal, status: 200 | 201, editSummary: string | undefined): Promise<WriteResponse> {
    const context = writeContextOf(request, principal, status, editSummary);
    const outcome = await this.commands.execute(new ExecuteStoryCommand(storyId, command, context));
    return sendWriteOutcome(reply, outcome);
  }
}
