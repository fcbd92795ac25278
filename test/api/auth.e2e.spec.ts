import { asAuditor, asEditor, asReporter, bearer, openStory, startTestApp, type TestApp } from '../support/test-app';

describe('identity and roles', () => {
  let test: TestApp;
  beforeAll(async () => {
    test = await startTestApp();
    await openStory(test);
  });
  afterAll(() => test.close());

  it('answers 401 without a token and with an unknown one, as a problem document', async () => {
    const missing = await test.http.get('/stories').expect(401);
    expect(missing.headers['content-type']).toMatch(/application\/problem\+json/);
    expect(missing.body).toMatchObject({ status: 401, code: 'Unauthenticated' });
    await test.http.get('/stories').set(bearer('not-a-known-token-at-all')).expect(401);
    await test.http.get('/stories').set({ Authorization: 'Basic abc' }).expect(401);
  });

  it('lets reporters read but not write (403), and appends nothing', async () => {
    await test.http.get('/stories/russia-ukraine-standoff').set(asReporter).expect(200);
    const before = await test.eventCount();
    const response = await test.http.post('/stories/russia-ukraine-standoff/developments').set(asReporter).send({ type: 'note', text: 'x' }).expect(403);
    expect(response.body.code).toBe('Forbidden');
    expect(await test.eventCount()).toBe(before);
  });

  it('lets auditors read like reporters, but not write', async () => {
    await test.http.get('/stories').set(asAuditor).expect(200);
    await test.http.post('/stories').set(asAuditor).send({ slug: 'audit-try', headline: 'x' }).expect(403);
  });

  it('records the actor from the token, never from the body', async () => {
    const rejected = await test.http.post('/stories/russia-ukraine-standoff/developments').set(asEditor).send({ type: 'note', text: 'x', actor: 'mallory' }).expect(400);
    expect(rejected.body.errors).toEqual([{ field: 'actor', messages: ['actor should not exist'] }]);
    await test.http.post('/stories/russia-ukraine-standoff/developments').set(asEditor).send({ type: 'note', text: 'From the wire' }).expect(201);
    const events = [];
    for await (const event of test.store.readStream('story-russia-ukraine-standoff')) events.push(event);
    expect(events.at(-1)?.metadata).toMatchObject({ actor: 'alice' });
  });

  it('serves /health and the OpenAPI document without a token', async () => {
    const health = await test.http.get('/health').expect(200);
    expect(health.body).toEqual({ status: 'ok', eventStore: 'memory', projections: { position: expect.any(Number), lag: 0 } });
    await test.http.get('/docs-json').expect(200);
  });
});
