import type { FastifyInstance } from 'fastify';
import { ApiError } from '../errors/api-error';
import { instanceOf } from '../errors/problem-document';
import { credentialParametersIn } from './credentials-in-url';
import { DEFAULT_RESPONSE_HEADERS } from './response-headers';
import type { RouteTable } from './route-table';

/**
 * Fastify `onRequest` hooks that run on every request, before routing reaches Nest (and so before
 * authentication): the default response headers, the refusal of tokens in URLs, and 405 for a path
 * that exists under other methods. What they throw reaches the one error filter.
 */
export function addRequestGuards(fastify: FastifyInstance, routes: RouteTable): void {
  fastify.addHook('onRequest', async (request, reply) => {
    void reply.header('x-request-id', request.id).headers(DEFAULT_RESPONSE_HEADERS);
    if (!queryDecodes(request.url)) throw new ApiError('MalformedUrl', 'The query string is not valid: check its percent-encoding');
    const credentials = credentialParametersIn(request.url);
    if (credentials.length > 0) {
      throw new ApiError('TokenInUrl', `Send the token as Authorization: Bearer <token>; a URL may not carry ${credentials.join(', ')}`, { parameters: credentials });
    }
    if (request.is404) {
      const allowed = routes.methodsAt(instanceOf(request.url));
      if (allowed.length > 0) throw methodNotAllowed(request.method, allowed);
    }
  });
}

export function methodNotAllowed(method: string, allowed: readonly string[]): ApiError {
  return new ApiError('MethodNotAllowed', `${method} is not served at this path; it answers ${allowed.join(', ')}`, { allow: allowed }, { allow: allowed.join(', ') });
}

/** Whether every name and value of the query string is valid percent-encoded UTF-8 (the path is Fastify's to check). */
function queryDecodes(url: string): boolean {
  const query = url.indexOf('?');
  if (query === -1) return true;
  try {
    decodeURIComponent(url.slice(query + 1).replace(/[&=+]/g, ' '));
    return true;
  } catch {
    return false;
  }
}
