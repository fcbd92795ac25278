import { Catch, HttpException, Logger, type ArgumentsHost, type ExceptionFilter } from '@nestjs/common';
import { DomainError } from '@story-tracker/domain';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { ApiError, type ApiErrorCode } from './api-error';
import { PROBLEM_STATUS } from './problem-status.table';

export interface ProblemDocument {
  type: string;
  title: string;
  status: number;
  detail: string;
  code: string;
  instance?: string;
  [extension: string]: unknown;
}

/** Fastify's own request errors, by their code. */
const FASTIFY_ERRORS: Record<string, ApiErrorCode> = {
  FST_ERR_CTP_INVALID_JSON_BODY: 'MalformedJson',
  FST_ERR_CTP_EMPTY_JSON_BODY: 'MalformedJson',
  FST_ERR_CTP_BODY_TOO_LARGE: 'PayloadTooLarge',
  FST_ERR_CTP_INVALID_MEDIA_TYPE: 'UnsupportedMediaType',
  FST_ERR_CTP_INVALID_CONTENT_LENGTH: 'MalformedJson',
};

/** Every error leaves as RFC 9457 Problem Details, with its status taken from `PROBLEM_STATUS`. */
@Catch()
export class ProblemDetailsFilter implements ExceptionFilter {
  private readonly logger = new Logger('Errors');

  catch(exception: unknown, host: ArgumentsHost): void {
    const http = host.switchToHttp();
    const request = http.getRequest<FastifyRequest>();
    const reply = http.getResponse<FastifyReply>();
    const problem = { ...toProblem(exception), instance: request.url };
    if (problem.status >= 500) this.logger.error({ err: exception, requestId: request.id }, 'Request failed');
    void reply.status(problem.status).header('content-type', 'application/problem+json; charset=utf-8').send(problem);
  }
}

export function toProblem(exception: unknown): ProblemDocument {
  if (exception instanceof DomainError) return named(exception.code, exception.message, { details: exception.details });
  if (exception instanceof ApiError) return named(exception.code, exception.message, exception.extensions);
  const fastifyCode = (exception as { code?: string } | null)?.code;
  if (fastifyCode && fastifyCode in FASTIFY_ERRORS) return named(FASTIFY_ERRORS[fastifyCode]!, (exception as Error).message);
  if (exception instanceof HttpException) return fromHttpException(exception);
  return { type: 'about:blank', title: 'Internal server error', status: 500, detail: 'Something went wrong on our side; it has been logged', code: 'InternalError' };
}

function named(code: keyof typeof PROBLEM_STATUS, detail: string, extensions: Readonly<Record<string, unknown>> = {}): ProblemDocument {
  const { status, title } = PROBLEM_STATUS[code];
  return { type: `/problems/${kebab(code)}`, title, status, detail, code, ...extensions };
}

function fromHttpException(exception: HttpException): ProblemDocument {
  const status = exception.getStatus();
  if (status === 404) return named('RouteNotFound', exception.message);
  // Fastify's body parser reports a body it cannot parse as a plain 400.
  if (status === 400) return named('MalformedJson', exception.message);
  if (status === 413) return named('PayloadTooLarge', exception.message);
  return { type: 'about:blank', title: exception.name, status, detail: exception.message, code: exception.name };
}

function kebab(code: string): string {
  return code.replace(/([a-z])([A-Z])/g, '$1-$2').toLowerCase();
}
