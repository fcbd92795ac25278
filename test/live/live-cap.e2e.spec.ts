import { LiveStreams } from '../../apps/api/src/live/live-streams.service';
import { bearer, openStory, startTestApp, TOKENS, type TestApp } from '../support/test-app';
import { connectSse, type SseConnection } from './sse-client';

const CAP = 2;
const asReporterHeader = bearer(TOKENS.reporter);
async function eventually(condition: () => boolean, timeoutMs = 2000): Promise<void> {
  for (const deadline = Date.now() + timeoutMs; !condition() && Date.now() < deadline; ) await new Promise((resolve) => setTimeout(resolve, 10));
}

/** Each token may hold LIVE_MAX_STREAMS_PER_TOKEN live streams at once; one more is a 429 problem with Retry-After. */
describe('the cap on live streams per token', () => {
  let test: TestApp;
  let base: string;
  const connections: SseConnection[] = [];
  const connect = async (path: string, headers: Record<string, string> = asReporterHeader) => {
    const connection = await connectSse(`${base}${path}`, headers);
    connections.push(connection);
    return connection;
  };

  beforeAll(async () => {
    test = await startTestApp({ env: { LIVE_MAX_STREAMS_PER_TOKEN: String(CAP) } });
    await test.app.listen({ port: 0, host: '127.0.0.1' });
    base = await test.app.getUrl();
    await openStory(test);
  });
  afterEach(async () => {
    connections.splice(0).forEach((connection) => connection.close());
    await eventually(() => test.app.get(LiveStreams).connections === 0);
  });
  afterAll(() => test.close());

  it('answers the stream past the cap with 429 TooManyLiveStreams and Retry-After, counting both kinds of stream', async () => {
    expect((await connect('/stories/russia-ukraine-standoff/live')).status).toBe(200);
    expect((await connect('/changes/live')).status).toBe(200);
    const refused = await connect('/changes/live');
    expect(refused.status).toBe(429);
    expect(refused.headers['content-type']).toMatch(/^application\/problem\+json/);
    expect(Number(refused.headers['retry-after'])).toBeGreaterThanOrEqual(1);
    expect(JSON.parse(await refused.body())).toMatchObject({ status: 429, code: 'TooManyLiveStreams', limit: CAP });
  });

  it('counts per token: another token still gets its streams', async () => {
    for (let i = 0; i < CAP; i++) expect((await connect('/changes/live')).status).toBe(200);
    expect((await connect('/changes/live', bearer(TOKENS.auditor))).status).toBe(200);
    expect((await connect('/changes/live')).status).toBe(429);
  });

  it('gives the slot back when a stream closes', async () => {
    const streams = [await connect('/changes/live'), await connect('/changes/live')];
    expect((await connect('/changes/live')).status).toBe(429);
    streams[0]!.close();
    await eventually(() => test.app.get(LiveStreams).connections === 1);
    expect((await connect('/changes/live')).status).toBe(200);
  });

  it('holds to the cap when many streams are opened at once', async () => {
    const opened = await Promise.all(Array.from({ length: 8 }, () => connect('/changes/live')));
    expect(opened.filter((connection) => connection.status === 200)).toHaveLength(CAP);
    expect(opened.filter((connection) => connection.status === 429)).toHaveLength(8 - CAP);
  });

  it('does not count a refused request (404, 400) against the token', async () => {
    for (let i = 0; i < CAP + 1; i++) expect((await connect('/stories/no-such-story/live')).status).toBe(404);
    expect((await connect('/changes/live', { ...asReporterHeader, 'Last-Event-ID': '0x1' })).status).toBe(400);
    expect((await connect('/changes/live')).status).toBe(200);
  });
});
