import { Readable } from 'node:stream';
import type { FastifyReply } from 'fastify';

/**
 * Sends entries as newline-delimited JSON. The readable pulls one entry at a time as the socket
 * drains, so memory stays constant however long the story is.
 */
export function streamNdjson(reply: FastifyReply, entries: AsyncIterable<unknown>): FastifyReply {
  const lines = Readable.from(
    (async function* () {
      for await (const entry of entries) yield `${JSON.stringify(entry)}\n`;
    })(),
  );
  return reply.header('content-type', 'application/x-ndjson; charset=utf-8').send(lines);
}
