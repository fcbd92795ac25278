import { randomUUID } from 'node:crypto';
import type { Socket } from 'node:net';
import { namedProblem, toProblem, type ProblemDocument } from '../errors/problem-document';
import { rawProblemResponse } from '../errors/problem-reply';
import { methodNotAllowed } from './request-guards.hooks';
import type { RouteTable } from './route-table';

/** What Node's HTTP parser reports (`clientError`): its code, and the bytes it was reading. */
interface ClientError extends Error {
  readonly code?: string;
  readonly rawPacket?: unknown;
}

/**
 * Fastify's `clientErrorHandler`: requests Node's HTTP parser refuses before any JavaScript of ours
 * sees them (headers over `maxHeaderSize`, a method it does not know, broken framing, a client too
 * slow to send its request) get a problem document written straight to the socket, which is closed.
 */
export function clientErrorHandler(routes: RouteTable): (error: ClientError, socket: Socket) => void {
  return (error, socket) => {
    if (error.code === 'ECONNRESET' || socket.destroyed) return;
    const { problem, headers } = answerFor(error, routes);
    if (!socket.writable) return void socket.destroy();
    socket.end(rawProblemResponse(problem, { 'x-request-id': randomUUID(), ...headers }), () => socket.destroy());
  };
}

function answerFor(error: ClientError, routes: RouteTable): { problem: ProblemDocument; headers: Record<string, string> } {
  switch (error.code) {
    case 'HPE_HEADER_OVERFLOW':
      return { problem: namedProblem('HeadersTooLarge', 'The request line and headers together are larger than this server reads (16 KiB)'), headers: {} };
    case 'ERR_HTTP_REQUEST_TIMEOUT':
    case 'ERR_HTTP_HEADERS_TIMEOUT':
      return { problem: namedProblem('RequestTimeout', 'The request did not arrive in time'), headers: {} };
    case 'HPE_INVALID_METHOD':
      return unknownMethod(error, routes);
    default:
      return { problem: namedProblem('MalformedRequest', 'The request is not well-formed HTTP/1.1'), headers: {} };
  }
}

/** A method Node does not know at all: 405 with `Allow` where the path exists, else 404. */
function unknownMethod(error: ClientError, routes: RouteTable): { problem: ProblemDocument; headers: Record<string, string> } {
  const requestLine = Buffer.isBuffer(error.rawPacket) ? error.rawPacket.subarray(0, 8192).toString('latin1') : '';
  const match = /^([!#$%&'*+.^_`|~0-9A-Za-z-]{1,32}) (\/[^\s?#]*)\S* HTTP\/1\.[01]\r?\n/.exec(requestLine);
  const allowed = match ? routes.methodsAt(match[2]!) : [];
  if (!match || allowed.length === 0) return { problem: namedProblem(match ? 'RouteNotFound' : 'MalformedRequest', match ? 'Nothing is served at this path' : 'The request is not well-formed HTTP/1.1'), headers: {} };
  const refusal = methodNotAllowed(match[1]!, allowed);
  return { problem: { ...toProblem(refusal), instance: match[2]! }, headers: { ...refusal.headers } };
}
