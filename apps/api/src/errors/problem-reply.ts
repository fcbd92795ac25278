import { STATUS_CODES } from 'node:http';
import type { FastifyReply } from 'fastify';
import { DEFAULT_RESPONSE_HEADERS } from '../http/response-headers';
import type { ProblemDocument } from './problem-document';

export const PROBLEM_CONTENT_TYPE = 'application/problem+json; charset=utf-8';

/** Headers of every problem document, wherever it is sent from. */
const PROBLEM_HEADERS = { ...DEFAULT_RESPONSE_HEADERS, 'content-type': PROBLEM_CONTENT_TYPE };

/** Sends a problem document on a Fastify reply (the error filter, and Fastify's own routing errors). */
export function sendProblem(reply: FastifyReply, problem: ProblemDocument, headers: Readonly<Record<string, string>> = {}): void {
  void reply.status(problem.status).headers({ ...headers, ...PROBLEM_HEADERS }).send(problem);
}

/**
 * A whole HTTP/1.1 answer as bytes, for errors Node's HTTP parser raises before there is a request or
 * a reply (headers too large, a method it does not know): written straight to the socket, which is
 * then closed.
 */
export function rawProblemResponse(problem: ProblemDocument, headers: Readonly<Record<string, string>> = {}): string {
  const body = JSON.stringify(problem);
  const lines = Object.entries({ ...headers, ...PROBLEM_HEADERS, 'content-length': String(Buffer.byteLength(body)), connection: 'close' }).map(([name, value]) => `${name}: ${value}`);
  return `HTTP/1.1 ${problem.status} ${STATUS_CODES[problem.status] ?? ''}\r\n${lines.join('\r\n')}\r\n\r\n${body}`;
}
