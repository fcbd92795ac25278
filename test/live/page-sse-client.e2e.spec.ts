import { LiveSettings } from '../../apps/api/src/live/live-settings';
import { LiveStreams } from '../../apps/api/src/live/live-streams.service';
import { openStory, recordDevelopment, startTestApp, TOKENS, type TestApp } from '../support/test-app';

/** The page's own SSE client (apps/api/web/js/sse.js, plain JavaScript), run here in Node against the real server. */
interface PageSseModule {
  followLive(url: string, options: { getToken: () => string; onMessage: (message: { id?: string; data: string }) => void; onStatus?: (status: string) => void }): { close(): void };
  readEvents(body: ReadableStream<Uint8Array>, dispatch: (message: { id?: string; event?: string; data?: string }) => void, onRetry?: (ms: number) => void): Promise<void>;
}
// The page's own plain-JavaScript module has no types to import; jest compiles it for this require.
// eslint-disable-next-line @typescript-eslint/no-require-imports
const { followLive, readEvents } = require('../../apps/api/web/js/sse.js') as PageSseModule;

async function eventually<T>(read: () => T | undefined, what: string, timeoutMs = 8000): Promise<T> {
  for (const deadline = Date.now() + timeoutMs; Date.now() < deadline; await new Promise((resolve) => setTimeout(resolve, 20))) {
    const value = read();
    if (value !== undefined) return value;
  }
  throw new Error(`Timed out waiting for ${what}`);
}

describe("the page's SSE client (fetch + stream parser)", () => {
  it('parses fields, multi-line data, comments and retry as the standard says, across chunk borders', async () => {
    const text = ': heartbeat\n\nretry: 2500\n\nid: 7\ndata: {"a":\ndata: 1}\n\r\nevent: named\r\ndata: x\r\n\nid: 8\n\n';
    const bytes = new TextEncoder().encode(text);
    const body = new ReadableStream<Uint8Array>({
      start(controller) {
        for (let index = 0; index < bytes.length; index += 5) controller.enqueue(bytes.slice(index, index + 5));
        controller.close();
      },
    });
    const messages: unknown[] = [];
    const retries: number[] = [];
    await readEvents(body, (message) => messages.push(message), (ms) => retries.push(ms));
    expect(messages).toEqual([
      { id: '7', event: undefined, data: '{"a":\n1}' },
      { id: undefined, event: 'named', data: 'x' },
      { id: '8' },
    ]);
    expect(retries).toEqual([2500]);
  });

  describe('against the server', () => {
    let test: TestApp;
    let base: string;
    beforeAll(async () => {
      test = await startTestApp();
      await test.app.listen({ port: 0, host: '127.0.0.1' });
      base = await test.app.getUrl();
      await openStory(test, 'russia-ukraine-standoff');
      test.app.get(LiveSettings).retryMs = 50;
    });
    afterAll(() => test.close());

    it('sends the token as a header, and after a dropped connection resumes with Last-Event-ID: nothing lost, nothing twice', async () => {
      const received: { id?: string; data: string }[] = [];
      const statuses: string[] = [];
      const stream = followLive(`${base}/stories/russia-ukraine-standoff/live`, {
        getToken: () => TOKENS.reporter,
        onMessage: (message) => received.push(message),
        onStatus: (status) => statuses.push(status),
      });
      try {
        await eventually(() => (statuses.includes('open') ? true : undefined), 'the stream to open');
        await recordDevelopment(test, 'russia-ukraine-standoff', { type: 'note', text: 'before the drop' });
        await eventually(() => (received.length >= 1 ? true : undefined), 'the first message');

        // The server drops every stream (as a restart would); the client is away while this is recorded.
        test.app.get(LiveStreams).beforeApplicationShutdown();
        await eventually(() => (statuses.includes('reconnecting') ? true : undefined), 'the client to notice');
        await recordDevelopment(test, 'russia-ukraine-standoff', { type: 'note', text: 'while away' });
        await eventually(() => (statuses.filter((status) => status === 'open').length >= 2 ? true : undefined), 'the reconnection');
        await recordDevelopment(test, 'russia-ukraine-standoff', { type: 'note', text: 'after the reconnection' });
        await eventually(() => (received.length >= 3 ? true : undefined), 'three messages');
        await new Promise((resolve) => setTimeout(resolve, 100));

        expect(received.map((message) => JSON.parse(message.data).description)).toEqual([
          expect.stringContaining('before the drop'),
          expect.stringContaining('while away'),
          expect.stringContaining('after the reconnection'),
        ]);
        expect(received.map((message) => JSON.parse(message.data).revision)).toEqual([2, 3, 4]);
      } finally {
        stream.close();
      }
    });

    it('stops, without retrying, when the server refuses the stream (unknown story)', async () => {
      const statuses: string[] = [];
      const stream = followLive(`${base}/stories/no-such-story/live`, { getToken: () => TOKENS.reporter, onMessage: () => undefined, onStatus: (status) => statuses.push(status) });
      await eventually(() => (statuses.includes('refused') ? true : undefined), 'the refusal');
      await new Promise((resolve) => setTimeout(resolve, 100));
      expect(statuses).toEqual(['connecting', 'refused']);
      stream.close();
    });
  });
});
