import type { FastifyError, FastifyReply, FastifyRequest } from 'fastify';
import { instanceOf, namedProblem } from '../errors/problem-document';
import { sendProblem } from '../errors/problem-reply';

/**
 * Fastify's `frameworkErrors`: what its router refuses before any hook or route runs (a URL whose
 * percent-encoding is broken, a path segment longer than the router allows), as problem documents.
 */
export function frameworkErrors(error: FastifyError, request: FastifyRequest, reply: FastifyReply): void {
  const problem =
    // No story, development or id of any kind is that long, so there is nothing at this path: a 404,
    // as for any story that does not exist.
    error.code === 'FST_ERR_MAX_PARAM_LENGTH'
      ? namedProblem('RouteNotFound', 'Nothing is served at this path: it names an id longer than any this API has')
      : error.code === 'FST_ERR_BAD_URL'
        ? namedProblem('MalformedUrl', 'The URL is not valid: check its percent-encoding')
        : namedProblem('MalformedRequest', 'The request could not be routed');
  sendProblem(reply, { ...problem, instance: safeInstance(request.url) }, { 'x-request-id': String(request.id) });
}

/** The path, unless it cannot even be decoded (then nothing of it is echoed). */
function safeInstance(url: string): string | undefined {
  const path = instanceOf(url);
  try {
    decodeURI(path);
    return path;
  } catch {
    return undefined;
  }
}
