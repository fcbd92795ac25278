import type { FastifyReply } from 'fastify';
import type { WriteOutcome, WriteResponse } from './commands/execute-story-command.command';

/** Status, ETag and replay marker of a write's answer; returns the body. */
export function sendWriteOutcome(reply: FastifyReply, outcome: WriteOutcome): WriteResponse {
  void reply.status(outcome.status).header('etag', `"${outcome.body.revision}"`);
  if (outcome.replayed) void reply.header('idempotent-replayed', 'true');
  return outcome.body;
}
