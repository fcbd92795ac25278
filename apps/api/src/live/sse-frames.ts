import type { FastifyReply } from 'fastify';
import { CACHE_CONTROL } from '../http/response-headers';

/** The wire format of Server-Sent Events (https://html.spec.whatwg.org/multipage/server-sent-events.html). */

/** Sent at once, before any event, so the client knows the stream is open. */
export const SSE_HEADERS = {
  'content-type': 'text/event-stream',
  // Private to the token, and nothing worth keeping: no cache stores any of it.
  'cache-control': CACHE_CONTROL.noStore,
  'x-accel-buffering': 'no',
  connection: 'keep-alive',
} as const;

/** What each message's `data:` line carries. */
export interface LiveMessage {
  readonly storyId: string;
  readonly revision: number;
  readonly type: string;
  readonly developmentId?: string;
  readonly description: string;
}

/**
 * One unnamed message: `id:` is the event's global position (what the client sends back as
 * Last-Event-ID), `data:` one line of JSON (JSON.stringify never emits a raw line break).
 */
export function messageFrame(id: number, message: LiveMessage): string {
  return `id: ${id}\ndata: ${JSON.stringify(message)}\n\n`;
}

/** A comment line: clients ignore it, but it keeps the connection and any proxy on the way awake. */
export function commentFrame(text: string): string {
  return `: ${text.replace(/[\r\n]+/g, ' ')}\n\n`;
}

/** How long an EventSource waits before reconnecting. */
export function retryFrame(milliseconds: number): string {
  return `retry: ${Math.round(milliseconds)}\n\n`;
}

/** The headers Fastify has set on a reply (request id, security headers…), for a stream written raw. */
export function replyHeaders(reply: FastifyReply): Record<string, string> {
  const headers: Record<string, string> = {};
  for (const [name, value] of Object.entries(reply.getHeaders())) {
    if (value !== undefined) headers[name] = Array.isArray(value) ? value.join(', ') : String(value);
  }
  return headers;
}
