import { HttpException } from '@nestjs/common';
import { DomainError } from '@story-tracker/domain';
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

/**
 * What an `HttpException` raised by Fastify or Nest themselves stands for, by its status (Nest turns
 * Fastify's own errors into plain HttpExceptions and drops their codes). Any other status is a 500.
 */
const BY_STATUS: Readonly<Record<number, ApiErrorCode>> = {
  400: 'MalformedRequest',
  404: 'RouteNotFound',
  405: 'MethodNotAllowed',
  408: 'RequestTimeout',
  413: 'PayloadTooLarge',
  414: 'UriTooLong',
  415: 'UnsupportedMediaType',
  431: 'HeadersTooLarge',
};

/** Own words for the statuses whose framework message would echo the request. */
const DETAILS: Partial<Record<ApiErrorCode, string>> = {
  RouteNotFound: 'Nothing is served at this path',
};

/** Every error as an RFC 9457 problem document with a `code` from `PROBLEM_STATUS`; anything unknown is a 500. */
export function toProblem(exception: unknown): ProblemDocument {
  if (exception instanceof DomainError) return namedProblem(exception.code, exception.message, { details: exception.details });
  if (exception instanceof ApiError) return namedProblem(exception.code, exception.message, exception.extensions);
  if (exception instanceof HttpException) {
    const code = BY_STATUS[exception.getStatus()];
    if (code) return namedProblem(code, DETAILS[code] ?? exception.message);
  }
  return { type: 'about:blank', title: 'Internal server error', status: 500, detail: 'Something went wrong on our side; it has been logged', code: 'InternalError' };
}

export function namedProblem(code: keyof typeof PROBLEM_STATUS, detail: string, extensions: Readonly<Record<string, unknown>> = {}): ProblemDocument {
  const { status, title } = PROBLEM_STATUS[code];
  return { type: `/problems/${kebab(code)}`, title, status, detail, code, ...extensions };
}

/** The `instance` of a problem: the path alone, so that nothing from the query string is ever echoed. */
export function instanceOf(url: string): string {
  const path = url.split('?')[0] ?? '';
  return path.split('#')[0] ?? '';
}

function kebab(code: string): string {
  return code.replace(/([a-z])([A-Z])/g, '$1-$2').toLowerCase();
}
