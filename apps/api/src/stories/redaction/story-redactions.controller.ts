import { Body, Controller, HttpCode, Param, Post, Req, Res } from '@nestjs/common';
import { ApiBearerAuth, ApiBody, ApiCreatedResponse, ApiOperation, ApiParam, ApiResponse, ApiTags } from '@nestjs/swagger';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { CurrentPrincipal, RequireRole } from '../../auth/auth.decorators';
import type { Principal } from '../../auth/roles';
import { problemResponse } from '../../openapi/problem.schema';
import { validateInput } from '../../validation/validate';
import type { WriteResponse } from '../commands/execute-story-command.command';
import { sendWriteOutcome } from '../story-write.response';
import { StoryIdPipe } from '../story-id.pipe';
import { writeContextOf } from '../write-context';
import { RedactionDto } from './redaction.dto';
import { RedactionService } from './redaction.service';

/** Redaction: values of a development taken out of the record for good, the record still provable. */
@ApiTags('stories: redaction (redactor)')
@ApiBearerAuth()
@RequireRole('redactor')
@Controller('stories')
export class StoryRedactionsController {
  constructor(private readonly redactions: RedactionService) {}

  @Post(':id/developments/:developmentId/redactions')
  @HttpCode(201)
  @ApiOperation({
    summary:
      'Redact fields of a development: the values leave every answer at every revision and are erased from storage; DevelopmentRedacted records who, why and which paths, never the values. Hashes, the audit and the verifiable log are unchanged',
  })
  @ApiParam({ name: 'id', example: 'russia-ukraine-standoff' })
  @ApiParam({ name: 'developmentId', example: '01JZ6Q4A1B2C3D4E5F6G7H8J9K' })
  @ApiBody({ type: RedactionDto })
  @ApiCreatedResponse({ description: 'Redacted', schema: { example: { id: 'russia-ukraine-standoff', revision: 18, developmentId: '01JZ6Q4A1B2C3D4E5F6G7H8J9K', events: ['DevelopmentRedacted'] } } })
  @ApiResponse({ status: 200, description: 'Every path was redacted already: nothing appended', schema: { example: { id: 'russia-ukraine-standoff', revision: 18, events: [] } } })
  @ApiResponse({ status: 400, ...problemResponse('Invalid body, header or path') })
  @ApiResponse({ status: 401, ...problemResponse('No token or an unknown token') })
  @ApiResponse({ status: 403, ...problemResponse('The token has no redactor role (editors cannot redact unless given it too)') })
  @ApiResponse({ status: 404, ...problemResponse('No such story, or no such development in it') })
  @ApiResponse({ status: 412, ...problemResponse('If-Match names a revision the story is no longer at') })
  @ApiResponse({ status: 422, ...problemResponse('A path the development does not have, a field that identifies it, or an event recorded before commitments') })
  async redact(
    @Param('id', StoryIdPipe) storyId: string,
    @Param('developmentId') developmentId: string,
    @Body() input: unknown,
    @Req() request: FastifyRequest,
    @Res({ passthrough: true }) reply: FastifyReply,
    @CurrentPrincipal() principal: Principal,
  ): Promise<WriteResponse> {
    const { paths, reason, editSummary } = validateInput(RedactionDto, input);
    const context = writeContextOf(request, principal, 201, editSummary);
    const outcome = await this.redactions.redact(storyId, { type: 'RedactDevelopment', data: { developmentId, paths, reason } }, context);
    return sendWriteOutcome(reply, outcome);
  }
}
