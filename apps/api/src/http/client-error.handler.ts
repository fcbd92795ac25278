import { randomUUID } from 'node:crypto';
import type { IncomingMessage } from 'node:http';
import type { Duplex } from 'node:stream';
import { namedProblem, toProblem, type ProblemDocument } from '../errors/problem-document';
import { rawProblemResponse } from '../errors/problem-reply';
import { methodNotAllowed } from './request-guards.hooks';
import type { RouteTable } from './route-table';

/** What Node's HTTP parser reports (`clientError`): its code, and the bytes it was reading. */
interface ClientError extends Error {
  readonly code?: string;
  readonly rawPacket?: unknown;
}

interface Answer {
  readonly problem: ProblemDocument;
  readonly headers: Record<string, string>;
}

/**
 * Fastify's `clientErrorHandler`: requests Node's HTTP parser refuses before any JavaScript of ours
 * sees them (headers over `maxHeaderSize`, a method it does not know, broken framing, a client too
 * slow to send its request) get a problem document written straight to the socket, which is closed.
 */
export function clientErrorHandler(routes: RouteTable): (error: ClientError, socket: Duplex) => void {
  return (error, socket) => {
    if (error.code === 'ECONNRESET' || socket.destroyed) return;
    answerOnSocket(socket, answerFor(error, routes));
  };
}

/**
 * Node hands a CONNECT request to the server's `connect` listeners and, with none, drops the
 * connection without a word. This API tunnels nothing: 405 where the path exists, else 404.
 */
export function connectHandler(routes: RouteTable): (request: IncomingMessage, socket: Duplex) => void {
  return (request, socket) => answerOnSocket(socket, unroutableMethod('CONNECT', request.url ?? '', routes));
}

function answerOnSocket(socket: Duplex, { problem, headers }: Answer): void {
  if (!socket.writable) return void socket.destroy();
  socket.end(rawProblemResponse(problem, { 'x-request-id': randomUUID(), ...headers }), () => socket.destroy());
}

function answerFor(error: ClientError, routes: RouteTable): Answer {
  switch (error.code) {
    case 'HPE_HEADER_OVERFLOW':
      return { problem: namedProblem('HeadersTooLarge', 'The request line and headers together are larger than this server reads (16 KiB)'), headers: {} };
    case 'ERR_HTTP_REQUEST_TIMEOUT':
    case 'ERR_HTTP_HEADERS_TIMEOUT':
      return { problem: namedProblem('RequestTimeout', 'The request did not arrive in time'), headers: {} };
    case 'HPE_INVALID_METHOD': {
      const requestLine = Buffer.isBuffer(error.rawPacket) ? error.rawPacket.subarray(0, 8192).toString('latin1') : '';
      const match = /^([!#$%&'*+.^_`|~0-9A-Za-z-]{1,32}) (\S+) HTTP\/1\.[01]\r?\n/.exec(requestLine);
      if (match) return unroutableMethod(match[1]!, match[2]!, routes);
      return malformed();
    }
    default:
      return malformed();
  }
}

/** A method no route serves, at a request target: 405 with `Allow` where the path exists, else 404. */
function unroutableMethod(method: string, target: string, routes: RouteTable): Answer {
  const path = target.startsWith('/') ? target.split(/[?#]/)[0]! : undefined;
  const allowed = path === undefined ? [] : routes.methodsAt(path);
  if (allowed.length === 0) return { problem: { ...namedProblem('RouteNotFound', 'Nothing is served at this path'), ...(path !== undefined && { instance: path }) }, headers: {} };
  const refusal = methodNotAllowed(method, allowed);
  return { problem: { ...toProblem(refusal), instance: path! }, headers: { ...refusal.headers } };
}

function malformed(): Answer {
  return { problem: namedProblem('MalformedRequest', 'The request is not well-formed HTTP/1.1'), headers: {} };
}
