import { randomBytes } from 'node:crypto';
import { asAuditor, asEditor, asReporter, openStory, removeDir, startTestApp, troops, type TestApp } from '../support/test-app';

// The real app (createApp, as npm start builds it) with EVENT_STORE=kurrentdb on the KurrentDB (25.1+)
// named by KURRENTDB_CONNECTION_STRING: two instances on one server, each with its own DATA_DIR. The
// server is shared and keeps what earlier runs wrote, so the story gets a fresh slug each run.
// Without a server this reports itself skipped and says why: it has NOT run.
const connectionString = process.env.KURRENTDB_CONNECTION_STRING;
const describeWithKurrentDb = connectionString ? describe : describe.skip;
if (!connectionString) {
  process.stderr.write('Skipping the API-on-KurrentDB smoke test: KURRENTDB_CONNECTION_STRING is not set (no KurrentDB server here). It has NOT run.\n');
}

describeWithKurrentDb('the API on the KurrentDB store (needs KURRENTDB_CONNECTION_STRING)', () => {
  const apps: TestApp[] = [];
  afterEach(async () => {
    for (const app of apps.splice(0)) {
      await app.close();
      removeDir(app.dataDir);
    }
  });
  const start = async () => {
    const app = await startTestApp({ env: { EVENT_STORE: 'kurrentdb', KURRENTDB_CONNECTION_STRING: connectionString ?? '' } });
    apps.push(app);
    return app;
  };

  it('writes a story on one instance that another reads and audits, and keeps an idempotent retry on either', async () => {
    const slug = `kurrent-smoke-${randomBytes(4).toString('hex')}`;
    const key = `troops-${slug}`;
    const [first, second] = await Promise.all([start(), start()]);

    await openStory(first, slug);
    const kept = await first.http.post(`/stories/${slug}/developments`).set(asEditor).set('Idempotency-Key', key).send(troops(100000)).expect(201);

    const state = await second.http.get(`/stories/${slug}`).set(asReporter).expect(200);
    expect(state.headers['etag']).toBe('"2"');
    const retry = await second.http.post(`/stories/${slug}/developments`).set(asEditor).set('Idempotency-Key', key).send(troops(100000)).expect(201);
    expect(retry.body).toEqual(kept.body);
    const audit = await second.http.get(`/stories/${slug}/audit`).set(asAuditor).expect(200);
    expect(audit.body).toMatchObject({ verified: true, events: 2 });
    const stale = await first.http.post(`/stories/${slug}/developments`).set(asEditor).set('If-Match', '"1"').send(troops(90000));
    expect([409, 412]).toContain(stale.status);
    const health = await second.http.get('/health').expect(200);
    expect(health.body).toMatchObject({ status: 'ok', eventStore: 'kurrentdb' });
  });
});
