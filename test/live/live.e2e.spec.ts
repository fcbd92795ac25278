import { LiveSettings } from '../../apps/api/src/live/live-settings';
import { LiveStreams } from '../../apps/api/src/live/live-streams.service';
import { asEditor, bearer, openStory, recordDevelopment, startTestApp, TOKENS, troops, type TestApp } from '../support/test-app';
import { connectSse, type SseConnection, type SseMessage } from './sse-client';

const SLUG = 'russia-ukraine-standoff';
const asReporterHeader = bearer(TOKENS.reporter);
async function eventually(condition: () => boolean, timeoutMs = 2000): Promise<void> {
  for (const deadline = Date.now() + timeoutMs; !condition() && Date.now() < deadline; ) await new Promise((resolve) => setTimeout(resolve, 10));
}
const dataOf = (message: SseMessage) => JSON.parse(message.data) as Record<string, unknown>;

describe('live updates (Server-Sent Events)', () => {
  let test: TestApp;
  let base: string;
  const connections: SseConnection[] = [];
  const connect = async (path: string, headers: Record<string, string> = asReporterHeader) => {
    const connection = await connectSse(`${base}${path}`, headers);
    connections.push(connection);
    return connection;
  };

  beforeAll(async () => {
    test = await startTestApp();
    await test.app.listen({ port: 0, host: '127.0.0.1' });
    base = await test.app.getUrl();
    await openStory(test, SLUG);
    await recordDevelopment(test, SLUG, troops(92000, { qualifier: 'about' }));
    await openStory(test, 'scholz-in-washington', { headline: 'Scholz meets Biden' });
  });
  afterEach(() => {
    connections.splice(0).forEach((connection) => connection.close());
    test.app.get(LiveSettings).heartbeatMs = 15_000;
  });
  afterAll(() => test.close());

  it('sends the event-stream headers at once, before any event', async () => {
    const live = await connect(`/stories/${SLUG}/live`);
    expect(live.status).toBe(200);
    expect(live.headers['content-type']).toBe('text/event-stream');
    expect(live.headers['cache-control']).toBe('private, no-store');
    expect(live.headers['x-content-type-options']).toBe('nosniff');
    expect(live.headers['x-accel-buffering']).toBe('no');
    expect(live.headers['x-request-id']).toEqual(expect.any(String));
    expect(live.headersAfterMs).toBeLessThan(1000);
    expect(live.messages).toEqual([]);
  });

  it('sends a posted development as one unnamed message: id its global position, data its revision and description', async () => {
    const live = await connect(`/stories/${SLUG}/live`);
    const response = await test.http
      .post(`/stories/${SLUG}/developments`)
      .set(asEditor)
      .send(troops(100000, { qualifier: 'more-than', source: { name: 'US officials' } }))
      .expect(201);
    const [message] = await live.waitForMessages(1);
    expect(message!.event).toBeUndefined();
    expect(Number(message!.id)).toBe(await test.store.headPosition());
    expect(dataOf(message!)).toEqual({
      storyId: SLUG,
      revision: response.body.revision,
      type: 'TroopEstimateRecorded',
      developmentId: response.body.developmentId,
      description: expect.stringMatching(/92,000 → .*100,000/),
    });
  });

  it('resumes after Last-Event-ID without gap or duplicate, then carries on live', async () => {
    const first = await connect(`/stories/${SLUG}/live`);
    await recordDevelopment(test, SLUG, { type: 'note', text: 'seen live' });
    const [seen] = await first.waitForMessages(1);
    first.close();
    // Missed while away: two of this story's events, with another story's in between.
    await recordDevelopment(test, SLUG, { type: 'note', text: 'missed 1' });
    await recordDevelopment(test, 'scholz-in-washington', { type: 'note', text: 'other story' });
    await recordDevelopment(test, SLUG, { type: 'note', text: 'missed 2' });

    const again = await connect(`/stories/${SLUG}/live`, { ...asReporterHeader, 'Last-Event-ID': seen!.id! });
    const missed = await again.waitForMessages(2);
    expect(missed.map((message) => dataOf(message).description)).toEqual([expect.stringContaining('missed 1'), expect.stringContaining('missed 2')]);
    expect(missed.map((message) => dataOf(message).revision)).toEqual([(dataOf(seen!).revision as number) + 1, (dataOf(seen!).revision as number) + 2]);
    await recordDevelopment(test, SLUG, { type: 'note', text: 'live again' });
    const all = await again.waitForMessages(3);
    expect(dataOf(all[2]!).description).toEqual(expect.stringContaining('live again'));
    expect(all.map((message) => Number(message.id))).toEqual([...all.map((message) => Number(message.id))].sort((a, b) => a - b));
    expect(again.messages).toHaveLength(3);
  });

  it('takes ?lastEventId= from clients that cannot set headers', async () => {
    const head = await test.store.headPosition();
    await recordDevelopment(test, SLUG, { type: 'note', text: 'after the query position' });
    const live = await connect(`/stories/${SLUG}/live?lastEventId=${head}`);
    const [message] = await live.waitForMessages(1);
    expect(Number(message!.id)).toBe(head + 1);
  });

  it('loses and repeats nothing when events are appended while a client catches up', async () => {
    const story = await openStory(test, 'busy-story-live', { headline: 'A busy story' });
    const writes = Promise.all(Array.from({ length: 30 }, (_, index) => recordDevelopment(test, story, { type: 'note', text: `note ${index}` })));
    const live = await connect(`/stories/${story}/live`, { ...asReporterHeader, 'Last-Event-ID': '0' });
    await writes;
    const revision = Number((await test.http.get(`/stories/${story}`).set(asReporterHeader).expect(200)).body.revision);
    const messages = await live.waitForMessages(revision);
    expect(messages.map((message) => dataOf(message).revision)).toEqual(Array.from({ length: revision }, (_, index) => index + 1));
    await new Promise((resolve) => setTimeout(resolve, 50));
    expect(live.messages).toHaveLength(revision);
  });

  it('GET /changes/live carries every story', async () => {
    const live = await connect('/changes/live');
    await recordDevelopment(test, 'scholz-in-washington', { type: 'note', text: 'Washington' });
    await recordDevelopment(test, SLUG, { type: 'note', text: 'Moscow' });
    const messages = await live.waitForMessages(2);
    expect(messages.map((message) => dataOf(message).storyId)).toEqual(['scholz-in-washington', SLUG]);
  });

  it('sends a heartbeat comment while idle, at the configured interval', async () => {
    test.app.get(LiveSettings).heartbeatMs = 50;
    const live = await connect(`/stories/${SLUG}/live`);
    await live.waitForComment('heartbeat', 2000);
    expect(live.messages).toEqual([]);
  });

  it('removes the store listener when the client goes away', async () => {
    const streams = test.app.get(LiveStreams);
    await eventually(() => streams.connections === 0); // the streams of earlier tests are closing
    const live = await connect(`/stories/${SLUG}/live`);
    expect(streams.connections).toBe(1);
    live.close();
    await eventually(() => streams.connections === 0);
    expect(streams.connections).toBe(0);
  });

  it('answers 401 without a token, 404 for an unknown story, 400 for a bad Last-Event-ID, as problem documents', async () => {
    const anonymous = await connect(`/stories/${SLUG}/live`, {});
    expect(anonymous.status).toBe(401);
    expect(JSON.parse(await anonymous.body())).toMatchObject({ code: 'Unauthenticated' });
    const anonymousAll = await connect('/changes/live', {});
    expect(anonymousAll.status).toBe(401);
    const unknown = await connect('/stories/no-such-story/live');
    expect(unknown.status).toBe(404);
    expect(JSON.parse(await unknown.body())).toMatchObject({ code: 'StoryNotFound' });
    const badHeader = await connect(`/stories/${SLUG}/live`, { ...asReporterHeader, 'Last-Event-ID': 'yesterday' });
    expect(badHeader.status).toBe(400);
    const badQuery = await connect(`/stories/${SLUG}/live?lastEventId=-1`);
    expect(badQuery.status).toBe(400);
    const unknownParameter = await connect('/changes/live?colour=red');
    expect(unknownParameter.status).toBe(400);
  });
});

describe('live streams at shutdown', () => {
  it('ends open streams so that closing the app does not wait for clients', async () => {
    const test = await startTestApp();
    await test.app.listen({ port: 0, host: '127.0.0.1' });
    const live = await connectSse(`${await test.app.getUrl()}/changes/live`, asReporterHeader);
    expect(live.status).toBe(200);
    const closing = test.close();
    await live.ended();
    await closing;
  });
});
