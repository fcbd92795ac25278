// Server-Sent Events over fetch(): unlike EventSource it can send the Authorization header, so the
// token never goes into a URL. It parses the stream as the HTML standard says and reconnects with
// Last-Event-ID, so the server sends what was missed first.

const RECONNECT_MS = [1000, 2000, 5000, 10000];

/**
 * Follows a live stream until `close()`. Calls `onMessage({ id, event, data })` per message and
 * `onStatus(state)` with 'connecting' | 'open' | 'reconnecting' | 'closed' | 'refused' (an error answer
 * such as 401 or 404, after which it stops).
 */
export function followLive(url, { getToken, onMessage, onStatus = () => {}, onRefused = () => {} }) {
  let lastEventId;
  let retryMs;
  let stopped = false;
  let controller;
  let attempt = 0;

  async function run() {
    while (!stopped) {
      controller = new AbortController();
      onStatus(attempt === 0 ? 'connecting' : 'reconnecting');
      try {
        const headers = { Accept: 'text/event-stream', Authorization: `Bearer ${getToken()}` };
        if (lastEventId !== undefined) headers['Last-Event-ID'] = lastEventId;
        const response = await fetch(url, { headers, signal: controller.signal, cache: 'no-store' });
        if (!response.ok || !response.body) {
          response.body?.cancel().catch(() => undefined);
          if (response.status >= 400 && response.status < 500) {
            stopped = true;
            onStatus('refused');
            onRefused(response.status);
            return;
          }
          throw new Error(`The live stream answered ${response.status}`);
        }
        attempt = 0;
        onStatus('open');
        await readEvents(response.body, (message) => {
          if (message.id !== undefined) lastEventId = message.id;
          if (message.data !== undefined) onMessage(message);
        }, (milliseconds) => {
          retryMs = milliseconds;
        });
      } catch {
        // A dropped connection or an abort: reconnect unless closed.
      }
      if (stopped) break;
      // The server's retry: at least, backing off further while it stays away.
      const wait = Math.max(retryMs ?? 0, RECONNECT_MS[Math.min(attempt, RECONNECT_MS.length - 1)]);
      attempt += 1;
      onStatus('reconnecting');
      await new Promise((resolve) => setTimeout(resolve, wait));
    }
    onStatus('closed');
  }

  run();
  return {
    close() {
      stopped = true;
      controller?.abort();
    },
  };
}

/** Reads an event stream body to its end, calling `dispatch` per message. */
export async function readEvents(body, dispatch, onRetry = () => {}) {
  const reader = body.pipeThrough(new TextDecoderStream()).getReader();
  let buffer = '';
  let data = [];
  let id;
  let event;
  for (;;) {
    const { value, done } = await reader.read();
    if (done) return;
    buffer += value;
    const lines = buffer.split(/\r\n|\r|\n/);
    buffer = lines.pop() ?? '';
    for (const line of lines) {
      if (line === '') {
        if (data.length > 0) dispatch({ id, event, data: data.join('\n') });
        else if (id !== undefined) dispatch({ id });
        data = [];
        event = undefined;
        id = undefined;
        continue;
      }
      if (line.startsWith(':')) continue; // a comment: the heartbeat
      const colon = line.indexOf(':');
      const field = colon === -1 ? line : line.slice(0, colon);
      const text = colon === -1 ? '' : line.slice(colon + 1).replace(/^ /, '');
      if (field === 'data') data.push(text);
      else if (field === 'id' && !text.includes('\0')) id = text;
      else if (field === 'event') event = text;
      else if (field === 'retry' && /^\d+$/.test(text)) onRetry(Number(text));
    }
  }
}
