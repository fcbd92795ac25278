import { describeWithPostgres } from '@story-tracker/event-store/testing';
import { asAuditor, asEditor, asReporter, openStory, removeDir, startTestApp, troops, type TestApp } from '../support/test-app';

// The real app (createApp, as npm start builds it) with EVENT_STORE=postgres on a throwaway cluster:
// two instances on one database, each with its own DATA_DIR, as two machines would run.
describeWithPostgres('the API on the PostgreSQL store', (cluster) => {
  const apps: TestApp[] = [];
  afterEach(async () => {
    for (const app of apps.splice(0)) {
      await app.close();
      removeDir(app.dataDir);
    }
  });
  const start = async (postgresUrl: string) => {
    const app = await startTestApp({ env: { EVENT_STORE: 'postgres', POSTGRES_URL: postgresUrl } });
    apps.push(app);
    return app;
  };

  it('writes a story on one instance that another reads and audits, and keeps an idempotent retry on either', async () => {
    const url = await cluster().createDatabase();
    const [first, second] = await Promise.all([start(url), start(url)]);

    await openStory(first, 'scholz-trip');
    const kept = await first.http.post('/stories/scholz-trip/developments').set(asEditor).set('Idempotency-Key', 'troops-1').send(troops(100000)).expect(201);

    const state = await second.http.get('/stories/scholz-trip').set(asReporter).expect(200);
    expect(state.headers['etag']).toBe('"2"');
    expect(state.body).toMatchObject({ id: 'scholz-trip', revision: 2, headline: 'Macron heads to Moscow' });
    const retry = await second.http.post('/stories/scholz-trip/developments').set(asEditor).set('Idempotency-Key', 'troops-1').send(troops(100000)).expect(201);
    expect(retry.body).toEqual(kept.body);
    const audit = await second.http.get('/stories/scholz-trip/audit').set(asAuditor).expect(200);
    expect(audit.body).toMatchObject({ verified: true, events: 2 });
    expect(await first.eventCount()).toBe(2);
    const health = await second.http.get('/health').expect(200);
    expect(health.body).toMatchObject({ status: 'ok', eventStore: 'postgres' });
  });
});
