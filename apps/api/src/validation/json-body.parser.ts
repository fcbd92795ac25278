import type { FastifyInstance, FastifyRequest } from 'fastify';
import { ApiError, validationFailed } from '../errors/api-error';
import { nestsDeeperThan } from './json-depth';
import { unsafeJsonValues } from './unsafe-json-values';

/**
 * How deeply a body may nest objects and arrays. The deepest valid body is three levels
 * (a correction's `changes.source.name`); sixteen leaves room for new shapes and keeps every walker
 * that recurses (class-transformer, class-validator) far from the stack's end.
 */
export const MAX_JSON_DEPTH = 16;

const UTF8 = new TextDecoder('utf-8', { fatal: true });

/**
 * A request body as JSON, refused before anything walks it when it is not UTF-8 (RFC 8259 §8.1),
 * nests deeper than MAX_JSON_DEPTH, is not JSON, uses an inherited property name as a key, or holds a
 * lone surrogate. An empty body is no body at all (`undefined`).
 */
export function parseJsonBody(raw: Buffer): unknown {
  let text: string;
  try {
    text = UTF8.decode(raw);
  } catch {
    throw new ApiError('MalformedJson', 'The body is not valid UTF-8; JSON bodies must be UTF-8');
  }
  if (text.trim() === '') return undefined;
  if (nestsDeeperThan(text, MAX_JSON_DEPTH)) throw new ApiError('JsonTooDeep', `The body nests objects and arrays more than ${MAX_JSON_DEPTH} levels deep`, { maxDepth: MAX_JSON_DEPTH });
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (error) {
    throw new ApiError('MalformedJson', `The body is not valid JSON: ${(error as Error).message}`);
  }
  const problems = unsafeJsonValues(value);
  if (problems.length > 0) throw validationFailed(problems);
  return value;
}

/**
 * Replaces Fastify's body parsers (JSON through secure-json-parse, and plain text) with ours, for
 * `application/json` alone: any other media type is a 415, and a charset other than UTF-8 too.
 */
export function registerJsonBodyParser(fastify: FastifyInstance): void {
  fastify.removeAllContentTypeParsers();
  fastify.addContentTypeParser('application/json', { parseAs: 'buffer' }, (request: FastifyRequest, body: Buffer, done: (error: Error | null, value?: unknown) => void) => {
    try {
      assertUtf8Charset(request.headers['content-type']);
      done(null, parseJsonBody(body));
    } catch (error) {
      done(error as Error);
    }
  });
}

function assertUtf8Charset(contentType: string | undefined): void {
  const charset = /;\s*charset\s*=\s*"?([^";\s]*)/i.exec(contentType ?? '')?.[1];
  if (charset !== undefined && !/^utf-?8$/i.test(charset)) {
    throw new ApiError('UnsupportedMediaType', 'JSON bodies are UTF-8; send Content-Type: application/json (charset utf-8 or none)');
  }
}
