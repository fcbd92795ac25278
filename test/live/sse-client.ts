import { request, type IncomingHttpHeaders } from 'node:http';

/** One message of a Server-Sent Event stream. */
export interface SseMessage {
  readonly id?: string;
  readonly event?: string;
  readonly data: string;
}

export interface SseConnection {
  readonly status: number;
  readonly headers: IncomingHttpHeaders;
  /** Milliseconds from sending the request to receiving the response headers. */
  readonly headersAfterMs: number;
  readonly messages: SseMessage[];
  readonly comments: string[];
  /** The body as received, for error responses (their stream ends at once). */
  body(): Promise<string>;
  /** Resolves once `count` messages have arrived (all of them, in order). */
  waitForMessages(count: number, timeoutMs?: number): Promise<SseMessage[]>;
  waitForComment(text: string, timeoutMs?: number): Promise<void>;
  /** Resolves when the server ends the stream. */
  ended(): Promise<void>;
  close(): void;
}

/**
 * A small SSE client over node:http (supertest waits for the end of a response, which a live stream
 * never reaches). It parses the stream as the HTML standard says: fields per line, a blank line
 * dispatches, lines starting with a colon are comments.
 */
export function connectSse(url: string, headers: Record<string, string> = {}): Promise<SseConnection> {
  const started = Date.now();
  return new Promise((resolve, reject) => {
    const outgoing = request(url, { headers: { accept: 'text/event-stream', ...headers } }, (response) => {
      const headersAfterMs = Date.now() - started;
      const messages: SseMessage[] = [];
      const comments: string[] = [];
      let raw = '';
      let pending = '';
      let fields: { id?: string; event?: string; data: string[] } = { data: [] };
      const waiters = new Set<() => void>();
      let hasEnded = false;
      response.setEncoding('utf8');
      response.on('data', (chunk: string) => {
        raw += chunk;
        pending += chunk;
        const lines = pending.split(/\r\n|\r|\n/);
        pending = lines.pop() ?? '';
        for (const line of lines) {
          if (line === '') {
            if (fields.data.length > 0) messages.push({ ...(fields.id !== undefined && { id: fields.id }), ...(fields.event !== undefined && { event: fields.event }), data: fields.data.join('\n') });
            fields = { data: [] };
          } else if (line.startsWith(':')) {
            comments.push(line.slice(1).trim());
          } else {
            const colon = line.indexOf(':');
            const name = colon === -1 ? line : line.slice(0, colon);
            const value = colon === -1 ? '' : line.slice(colon + 1).replace(/^ /, '');
            if (name === 'data') fields.data.push(value);
            else if (name === 'id') fields.id = value;
            else if (name === 'event') fields.event = value;
          }
        }
        waiters.forEach((wake) => wake());
      });
      const finish = () => {
        hasEnded = true;
        waiters.forEach((wake) => wake());
      };
      response.on('end', finish);
      response.on('close', finish);
      response.on('error', finish);
      const waitFor = (done: () => boolean, what: string, timeoutMs = 5000): Promise<void> =>
        new Promise((resolveWait, rejectWait) => {
          if (done()) return resolveWait();
          const timer = setTimeout(() => {
            waiters.delete(check);
            rejectWait(new Error(`Timed out after ${timeoutMs} ms waiting for ${what}; got ${JSON.stringify({ messages, comments })}`));
          }, timeoutMs);
          const check = () => {
            if (!done()) return;
            clearTimeout(timer);
            waiters.delete(check);
            resolveWait();
          };
          waiters.add(check);
        });
      resolve({
        status: response.statusCode ?? 0,
        headers: response.headers,
        headersAfterMs,
        messages,
        comments,
        body: async () => {
          await waitFor(() => hasEnded, 'the end of the response');
          return raw;
        },
        waitForMessages: async (count, timeoutMs) => {
          await waitFor(() => messages.length >= count, `${count} messages`, timeoutMs);
          return messages.slice(0, count);
        },
        waitForComment: (text, timeoutMs) => waitFor(() => comments.includes(text), `the comment "${text}"`, timeoutMs),
        ended: () => waitFor(() => hasEnded, 'the end of the stream'),
        close: () => outgoing.destroy(),
      });
    });
    outgoing.on('error', reject);
    outgoing.end();
  });
}
