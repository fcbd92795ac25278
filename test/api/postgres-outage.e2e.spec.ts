import { describeWithPostgres } from '@story-tracker/event-store/testing';
import { asEditor, asReporter, openStory, removeDir, startTestApp, troops, type TestApp } from '../support/test-app';

// The database goes away under a running instance (pg_ctl stop -m immediate) and comes back: the
// instance answers 503 with Retry-After meanwhile, quickly, and recovers by itself.
describeWithPostgres('the API when PostgreSQL stops and starts again', (cluster) => {
  let app: TestApp;
  afterAll(async () => {
    await app?.close();
    if (app) removeDir(app.dataDir);
  });

  const timed = async <T>(work: Promise<T>) => {
    const started = Date.now();
    const result = await work;
    return { result, ms: Date.now() - started };
  };

  it('answers 503 with Retry-After while it is down, /health says degraded, and all is well again once it is back', async () => {
    app = await startTestApp({ env: { EVENT_STORE: 'postgres', POSTGRES_URL: await cluster().createDatabase() } });
    await openStory(app, 'outage');
    await app.http.post('/stories/outage/developments').set(asEditor).send(troops(92000)).expect(201);

    await cluster().stopServer('immediate');
    const read = await timed(app.http.get('/stories/outage').set(asReporter));
    expect(read.result.status).toBe(503);
    expect(read.result.headers['retry-after']).toBe('2');
    expect(read.result.headers['content-type']).toMatch(/^application\/problem\+json/);
    expect(read.result.body).toMatchObject({ code: 'StoreUnavailable', status: 503 });
    expect(read.ms).toBeLessThan(5000);

    const write = await timed(app.http.post('/stories/outage/developments').set(asEditor).set('Idempotency-Key', 'during-outage').send(troops(100000)));
    expect(write.result.status).toBe(503);
    expect(write.result.body).toMatchObject({ code: 'StoreUnavailable' });
    expect(write.ms).toBeLessThan(5000);

    const health = await timed(app.http.get('/health'));
    expect(health.result.status).toBe(503);
    expect(health.result.body).toMatchObject({ status: 'degraded', eventStore: 'postgres' });
    expect(health.ms).toBeLessThan(5000);

    await cluster().startServer();
    const deadline = Date.now() + 15_000;
    while ((await app.http.get('/health')).status !== 200) {
      if (Date.now() > deadline) throw new Error('The instance did not recover within 15 s of the database coming back');
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
    // The retry with the same key records the change once: it was not recorded during the outage.
    const retried = await app.http.post('/stories/outage/developments').set(asEditor).set('Idempotency-Key', 'during-outage').send(troops(100000)).expect(201);
    expect(retried.body).toMatchObject({ revision: 3 });
    const state = await app.http.get('/stories/outage').set(asReporter).expect(200);
    expect(state.body.revision).toBe(3);
    expect(await app.eventCount()).toBe(3);
  }, 60_000);
});
