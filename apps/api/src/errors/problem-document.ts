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
 * What an error raised by Fastify, Nest or a plugin (@fastify/static) stands for, by its 4xx status:
 * Nest turns Fastify's own errors into plain HttpExceptions and drops their codes, plugins throw errors
 * with a `status`. Another 4xx is a MalformedRequest; anything else is a 500.
 */
const BY_STATUS: Readonly<Record<number, ApiErrorCode>> = {
  400: 'MalformedRequest',
  404: 'RouteNotFound',
  405: 'MethodNotAllowed',
  408: 'RequestTimeout',
  413: 'PayloadTooLarge',
  414: 'UriTooLong',
  415: 'UnsupportedMediaType',
  416: 'RangeNotSatisfiable',
  431: 'HeadersTooLarge',
};

/** Own words for the statuses whose framework message would echo the request. */
const DETAILS: Partial<Record<ApiErrorCode, string>> = {
  RouteNotFound: 'Nothing is served at this path',
};

/** Every error as an RFC 9457 problem document with a `code` from `PROBLEM_STATUS`; anything unknown is a 500. */
export function toProblem(exception: unknown): ProblemDocument {
  // One shape for every problem: what the error names (the meeting, the demand, the current revision)
  // as top-level extension members, as RFC 9457 has them. A rule's members also stay under `details`,
  // where clients before this shape read them.
  if (exception instanceof DomainError) return namedProblem(exception.code, exception.message, { ...exception.details, details: exception.details });
  if (exception instanceof ApiError) return namedProblem(exception.code, exception.message, exception.extensions);
  const status = clientErrorStatusOf(exception);
  if (status !== undefined) {
    const code = BY_STATUS[status] ?? 'MalformedRequest';
    // A plugin's message may name files on the server; Nest's and Fastify's say what the request did.
    return namedProblem(code, DETAILS[code] ?? (exception instanceof HttpException ? exception.message : PROBLEM_STATUS[code].title));
  }
  return { type: 'about:blank', title: 'Internal server error', status: 500, detail: 'Something went wrong on our side; it has been logged', code: 'InternalError' };
}

/** The 4xx status an error of the framework or a plugin carries, if it carries one. */
function clientErrorStatusOf(exception: unknown): number | undefined {
  if (exception instanceof HttpException) return within4xx(exception.getStatus());
  if (!(exception instanceof Error)) return undefined;
  const { status, statusCode } = exception as { status?: unknown; statusCode?: unknown };
  return within4xx(typeof statusCode === 'number' ? statusCode : status);
}

function within4xx(status: unknown): number | undefined {
  return typeof status === 'number' && Number.isInteger(status) && status >= 400 && status < 500 ? status : undefined;
}

export function namedProblem(code: keyof typeof PROBLEM_STATUS, detail: string, extensions: Readonly<Record<string, unknown>> = {}): ProblemDocument {
  const { status, title } = PROBLEM_STATUS[code];
  // Extensions come first, so none can stand in for a member RFC 9457 defines.
  return { ...extensions, type: `/problems/${kebab(code)}`, title, status, detail, code };
}

/** The `instance` of a problem: the path alone, so that nothing from the query string is ever echoed. */
export function instanceOf(url: string): string {
  const path = url.split('?')[0] ?? '';
  return path.split('#')[0] ?? '';
}

function kebab(code: string): string {
  return code.replace(/([a-z])([A-Z])/g, '$1-$2').toLowerCase();
}
