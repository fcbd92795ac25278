import { Body, Controller, Get, Headers, HttpCode, Post, Query, Res } from '@nestjs/common';
import { QueryBus } from '@nestjs/cqrs';
import { ApiBearerAuth, ApiBody, ApiConsumes, ApiOkResponse, ApiOperation, ApiProduces, ApiQuery, ApiResponse, ApiTags } from '@nestjs/swagger';
import type { FastifyReply } from 'fastify';
import { PublicRoute, RequireRole } from '../auth/auth.decorators';
import { ApiError } from '../errors/api-error';
import { problemResponse } from '../openapi/problem.schema';
import { validateInput } from '../validation/validate';
import {
  CHECKPOINT_JSON_EXAMPLE,
  CHECKPOINT_TEXT_EXAMPLE,
  CONSISTENCY_EXAMPLE,
  INCLUSION_EXAMPLE,
  LOG_KEY_EXAMPLE,
  VERIFY_CONSISTENT_EXAMPLE,
  VERIFY_INCONSISTENT_EXAMPLE,
} from './log.examples';
import { ConsistencyQueryDto, InclusionQueryDto } from './log.query.dto';
import { GetCheckpointQuery, GetConsistencyProofQuery, GetInclusionProofQuery, GetLogKeyQuery, VerifyCheckpointQuery } from './queries/log.queries';
import type { CheckpointView, ConsistencyProofView, InclusionProofView, LogKeyView, LogVerification } from './verifiable-log.service';

/**
 * The verifiable log (RFC 9162 tree over every event, C2SP signed checkpoints): the head and the key
 * for anyone, proofs and the check of a kept checkpoint for auditors.
 */
@ApiTags('log: the verifiable log')
@Controller('log')
export class LogController {
  constructor(private readonly queries: QueryBus) {}

  @Get('checkpoint')
  @PublicRoute()
  @ApiOperation({ summary: "The log's signed head (C2SP tlog-checkpoint, Ed25519): keep it, and later prove today's log extends it. No token needed" })
  @ApiProduces('text/plain', 'application/json')
  @ApiOkResponse({ content: { 'text/plain': { example: CHECKPOINT_TEXT_EXAMPLE }, 'application/json': { example: CHECKPOINT_JSON_EXAMPLE } } })
  async checkpoint(@Headers('accept') accept: string | undefined, @Res({ passthrough: true }) reply: FastifyReply): Promise<CheckpointView | string> {
    const view = await this.queries.execute(new GetCheckpointQuery());
    void reply.header('cache-control', 'no-cache');
    if (wantsJson(accept)) return view;
    void reply.type('text/plain; charset=utf-8');
    return view.checkpoint;
  }

  @Get('key')
  @PublicRoute()
  @ApiOperation({ summary: "The log's Ed25519 public key, with its C2SP verifier key: all a witness needs to check checkpoints. No token needed" })
  @ApiOkResponse({ schema: { example: LOG_KEY_EXAMPLE } })
  key(): Promise<LogKeyView> {
    return this.queries.execute(new GetLogKeyQuery());
  }

  @Get('proofs/inclusion')
  @ApiBearerAuth()
  @RequireRole('auditor')
  @ApiOperation({ summary: 'The RFC 9162 inclusion path of leaf `index` (an event\'s logIndex) in the tree of size `treeSize`' })
  @ApiQuery({ name: 'index', required: true, example: 11 })
  @ApiQuery({ name: 'treeSize', required: true, example: 40 })
  @ApiOkResponse({ schema: { example: INCLUSION_EXAMPLE } })
  @ApiResponse({ status: 400, ...problemResponse('Not plain whole numbers, treeSize 0, index ≥ treeSize, or a size beyond the log') })
  @ApiResponse({ status: 401, ...problemResponse('No token or an unknown token') })
  @ApiResponse({ status: 403, ...problemResponse('The token has no auditor role') })
  inclusion(@Query() query: Record<string, unknown>): Promise<InclusionProofView> {
    const { index, treeSize } = validateInput(InclusionQueryDto, { ...query });
    return this.queries.execute(new GetInclusionProofQuery(index, treeSize));
  }

  @Get('proofs/consistency')
  @ApiBearerAuth()
  @RequireRole('auditor')
  @ApiOperation({ summary: 'The RFC 9162 consistency proof that the tree of size `from` is a prefix of the tree of size `to` (none needed when from = 0 or from = to)' })
  @ApiQuery({ name: 'from', required: true, example: 17 })
  @ApiQuery({ name: 'to', required: true, example: 40 })
  @ApiOkResponse({ schema: { example: CONSISTENCY_EXAMPLE } })
  @ApiResponse({ status: 400, ...problemResponse('Not plain whole numbers, from > to, or a size beyond the log') })
  @ApiResponse({ status: 401, ...problemResponse('No token or an unknown token') })
  @ApiResponse({ status: 403, ...problemResponse('The token has no auditor role') })
  consistency(@Query() query: Record<string, unknown>): Promise<ConsistencyProofView> {
    const { from, to } = validateInput(ConsistencyQueryDto, { ...query });
    return this.queries.execute(new GetConsistencyProofQuery(from, to));
  }

  @Post('verify')
  @HttpCode(200)
  @ApiBearerAuth()
  @RequireRole('auditor')
  @ApiOperation({
    summary: "Checks a checkpoint you kept: its signature with the log's key, and that today's log, recomputed from every event in the store, extends it",
  })
  @ApiConsumes('text/plain')
  @ApiBody({ description: 'A checkpoint exactly as GET /log/checkpoint gave it', schema: { type: 'string', example: CHECKPOINT_TEXT_EXAMPLE } })
  @ApiOkResponse({ content: { 'application/json': { examples: { consistent: { value: VERIFY_CONSISTENT_EXAMPLE }, inconsistent: { value: VERIFY_INCONSISTENT_EXAMPLE } } } } })
  @ApiResponse({ status: 400, ...problemResponse('The body is not a checkpoint') })
  @ApiResponse({ status: 401, ...problemResponse('No token or an unknown token') })
  @ApiResponse({ status: 403, ...problemResponse('The token has no auditor role') })
  @ApiResponse({ status: 415, ...problemResponse('Not a text/plain body') })
  @ApiResponse({ status: 422, ...problemResponse('Not signed by this log (forged, changed, or another log\'s)') })
  verify(@Body() body: unknown): Promise<LogVerification> {
    if (body === undefined) throw new ApiError('CheckpointMalformed', 'Send the checkpoint you kept as the body, Content-Type: text/plain');
    if (typeof body !== 'string') throw new ApiError('UnsupportedMediaType', 'Send the checkpoint as it was issued, Content-Type: text/plain');
    return this.queries.execute(new VerifyCheckpointQuery(body));
  }
}

/** JSON only when asked for by name: a checkpoint is text, and `*\/*` gets the text. */
function wantsJson(accept: string | undefined): boolean {
  return accept !== undefined && /(^|,)\s*application\/json\s*(;|,|$)/i.test(accept);
}
