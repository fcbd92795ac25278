import { asEditor, asReporter, bearer, openStory, recordDevelopment, removeDir, startTestApp, TOKENS, troops, type TestApp } from '../support/test-app';

const STORY = 'russia-ukraine-standoff';

describe('watches and alerts over HTTP', () => {
  let test: TestApp;
  beforeEach(async () => {
    test = await startTestApp({ store: 'sqlite', env: { WEBHOOK_ALLOWED_HOSTS: 'hooks.example.org' } });
    await openStory(test, STORY);
  });
  afterEach(async () => {
    await test.close();
    removeDir(test.dataDir);
  });

  const alerts = async (as = asReporter, since?: string) => (await test.http.get(`/alerts${since ? `?since=${since}` : ''}`).set(as).expect(200)).body.items as { id: string; kind: string; description: string; revision: number }[];

  it('raises the alerts the rules say, for the events after the watch, in order', async () => {
    await recordDevelopment(test, STORY, troops(90000, { occurredAt: '2022-01-01' }));
    const watch = (await test.http.post('/watches').set(asReporter).send({ storyId: STORY, estimateThresholdPercent: 10 }).expect(201)).body;
    expect(watch).toEqual({ id: expect.any(String), storyId: STORY, on: ['estimate', 'meeting', 'demand', 'correction', 'retraction', 'headline'], estimateThresholdPercent: 10 });
    await recordDevelopment(test, STORY, troops(95000, { occurredAt: '2022-01-02' }));
    const raised = await recordDevelopment(test, STORY, troops(130000, { occurredAt: '2022-01-03' }));
    await test.http.post(`/stories/${STORY}/developments`).set(asEditor).send({ type: 'note', text: 'Talks go on' }).expect(201);
    await test.http.post(`/stories/${STORY}/developments/${raised}/corrections`).set(asEditor).send({ changes: { count: 131000 }, reason: 'Typo' }).expect(201);
    await test.http.patch(`/stories/${STORY}`).set(asEditor).send({ headline: 'Troops mass' }).expect(200);
    const items = await alerts();
    expect(items.map((alert) => alert.kind)).toEqual(['estimate', 'correction', 'headline']);
    expect(items[0]!.description).toContain('130,000');
    expect(await alerts(asReporter, items[0]!.id)).toHaveLength(2);
    // Nobody else's.
    expect(await alerts(bearer(TOKENS.auditor))).toEqual([]);
    expect((await test.http.get('/watches').set(asReporter).expect(200)).body.items).toHaveLength(1);
    expect((await test.http.get('/watches').set(bearer(TOKENS.auditor)).expect(200)).body.items).toEqual([]);
    await test.http.delete(`/watches/${watch.id}`).set(bearer(TOKENS.auditor)).expect(404);
    await test.http.delete(`/watches/${watch.id}`).set(asReporter).expect(204);
    await test.http.patch(`/stories/${STORY}`).set(asEditor).send({ headline: 'Troops mass again' }).expect(200);
    expect(await alerts()).toHaveLength(3);
  });

  it('neither loses nor repeats an alert across a restart, and builds them again the same when the read models are dropped', async () => {
    await test.http.post('/watches').set(asReporter).send({ storyId: STORY, on: ['estimate'] }).expect(201);
    await recordDevelopment(test, STORY, troops(90000, { occurredAt: '2022-01-01' }));
    const first = await alerts();
    expect(first).toHaveLength(1);
    await test.close();
    test = await startTestApp({ store: 'sqlite', dataDir: test.dataDir });
    await recordDevelopment(test, STORY, troops(120000, { occurredAt: '2022-01-02' }));
    const after = await alerts();
    expect(after.map((alert) => alert.id)).toEqual([first[0]!.id, expect.any(String)]);
    await test.close();
    removeDir(`${test.dataDir}/read-models.sqlite`);
    test = await startTestApp({ store: 'sqlite', dataDir: test.dataDir });
    expect(await alerts()).toEqual(after);
  });

  it('refuses bad watches without appending: unknown story, kinds, thresholds, URLs, hosts', async () => {
    const before = await test.eventCount();
    await test.http.post('/watches').set(asReporter).send({ storyId: 'no-such-story' }).expect(404);
    for (const body of [{ storyId: STORY, on: [] }, { storyId: STORY, on: ['gossip'] }, { storyId: STORY, estimateThresholdPercent: -1 }, { storyId: STORY, estimateThresholdPercent: 1001 }, { storyId: STORY, webhook: { url: 'ftp://hooks.example.org/x' } }, { storyId: STORY, webhook: { url: 'not a url' } }, { storyId: STORY, extra: 1 }]) {
      await test.http.post('/watches').set(asReporter).send(body).expect(400);
    }
    expect((await test.http.post('/watches').set(asReporter).send({ storyId: STORY, webhook: { url: 'http://127.0.0.1:9/x' } }).expect(422)).body.code).toBe('WebhookHostNotAllowed');
    expect(await test.eventCount()).toBe(before);
    const withHook = (await test.http.post('/watches').set(asReporter).send({ storyId: STORY, webhook: { url: 'https://hooks.example.org/x' } }).expect(201)).body;
    expect(withHook.webhook.secret).toMatch(/^whsec_[A-Za-z0-9+/]{43}=$/);
    expect((await test.http.get('/watches').set(asReporter).expect(200)).body.items[0].webhook).toEqual({ url: 'https://hooks.example.org/x' });
    await test.http.get('/alerts?since=nonsense').set(asReporter).expect(400);
  });
});
