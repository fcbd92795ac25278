import type { FastifyInstance, FastifyRequest } from 'fastify';
import { MAX_CHECKPOINT_BYTES } from '@story-tracker/verifiable-log';
import { ApiError } from '../errors/api-error';

/** The one route that takes a plain-text body: a checkpoint as the log issued it. */
export const PLAIN_TEXT_ROUTES: ReadonlySet<string> = new Set(['/log/verify']);

const UTF8 = new TextDecoder('utf-8', { fatal: true });

/**
 * `text/plain` bodies, for the routes that take one and no other (anywhere else a text body stays a
 * 415, as before): UTF-8 only, at most a checkpoint's size (a larger body is a 413 before it is read).
 */
export function registerCheckpointBodyParser(fastify: FastifyInstance): void {
  fastify.addContentTypeParser('text/plain', { parseAs: 'buffer', bodyLimit: MAX_CHECKPOINT_BYTES }, (request: FastifyRequest, body: Buffer, done: (error: Error | null, value?: unknown) => void) => {
    if (!PLAIN_TEXT_ROUTES.has(request.routeOptions.url ?? '')) {
      done(new ApiError('UnsupportedMediaType', 'This route takes JSON bodies: send Content-Type: application/json'));
      return;
    }
    const charset = /;\s*charset\s*=\s*"?([^";\s]*)/i.exec(request.headers['content-type'] ?? '')?.[1];
    if (charset !== undefined && !/^utf-?8$/i.test(charset)) {
      done(new ApiError('UnsupportedMediaType', 'A checkpoint is UTF-8 text: send Content-Type: text/plain (charset utf-8 or none)'));
      return;
    }
    try {
      done(null, UTF8.decode(body));
    } catch {
      done(new ApiError('CheckpointMalformed', 'The body is not valid UTF-8 text, so it is not a checkpoint'));
    }
  });
}
