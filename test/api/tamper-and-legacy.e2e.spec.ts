import { join } from 'node:path';
import Database from 'better-sqlite3';
import { writeLegacyStory } from '../fixtures/legacy-story.fixture';
import { asAuditor, asEditor, asReporter, openStory, recordDevelopment, removeDir, startTestApp, troops, type TestApp } from '../support/test-app';

/** Changes the SQLite file behind the application's back, as an intruder with file access could. */
function tamper(dataDir: string, sql: string): void {
  const db = new Database(join(dataDir, 'events.sqlite'));
  try {
    db.exec(sql);
  } finally {
    db.close();
  }
}

describe('tamper evidence on the SQLite file', () => {
  let test: TestApp;
  beforeEach(async () => {
    test = await startTestApp({ store: 'sqlite' });
    await openStory(test);
    for (const count of [92000, 95000, 100000, 110000]) await recordDevelopment(test, 'russia-ukraine-standoff', troops(count));
    await test.close();
  });
  afterEach(async () => {
    await test.close();
    removeDir(test.dataDir);
  });

  async function auditAfter(sql: string) {
    tamper(test.dataDir, sql);
    test = await startTestApp({ store: 'sqlite', dataDir: test.dataDir });
    return (await test.http.get('/stories/russia-ukraine-standoff/audit').set(asAuditor).expect(200)).body;
  }

  it('verifies an untouched story, with the same state hash every time', async () => {
    const first = await auditAfter('SELECT 1');
    const second = (await test.http.get('/stories/russia-ukraine-standoff/audit').set(asAuditor).expect(200)).body;
    expect(first).toEqual({ verified: true, events: 5, stateHash: expect.stringMatching(/^[0-9a-f]{64}$/) });
    expect(second).toEqual(first);
  });

  it('locates an altered event', async () => {
    const audit = await auditAfter(`UPDATE events SET data = json_set(data, '$.count', 50000) WHERE revision = 3`);
    expect(audit).toMatchObject({ verified: false, firstBrokenRevision: 3 });
  });

  it('locates altered metadata (who did it)', async () => {
    const audit = await auditAfter(`UPDATE events SET metadata = json_set(metadata, '$.actor', 'mallory') WHERE revision = 4`);
    expect(audit).toMatchObject({ verified: false, firstBrokenRevision: 4 });
  });

  it('locates a deleted event', async () => {
    const audit = await auditAfter('DELETE FROM events WHERE revision = 2');
    expect(audit).toMatchObject({ verified: false, firstBrokenRevision: 2 });
  });

  it('locates two events swapped in order', async () => {
    const audit = await auditAfter(`
      UPDATE events SET revision = 100 WHERE revision = 3;
      UPDATE events SET revision = 3 WHERE revision = 4;
      UPDATE events SET revision = 4 WHERE revision = 100;`);
    expect(audit).toMatchObject({ verified: false, firstBrokenRevision: 3 });
  });
});

describe('events of an older schema version', () => {
  let test: TestApp;
  afterEach(async () => {
    await test.close();
    removeDir(test.dataDir);
  });

  it('are read in the current shape, and their chain still verifies', async () => {
    const seed = await startTestApp({ store: 'sqlite' });
    await seed.close();
    writeLegacyStory(join(seed.dataDir, 'events.sqlite'));
    removeDir(join(seed.dataDir, 'read-models.sqlite'));
    test = await startTestApp({ store: 'sqlite', dataDir: seed.dataDir });

    const story = (await test.http.get('/stories/legacy-standoff').set(asReporter).expect(200)).body;
    expect(story.headline).toBe('Troops mass near Ukraine');
    expect(story.troopEstimates['Russia|near the Ukrainian border']).toMatchObject({ count: 100000, qualifier: 'more-than', supersedes: '01FSLEGACY0000000000000001' });
    const revisions = (await test.http.get('/stories/legacy-standoff/revisions').set(asReporter).expect(200)).body.items;
    expect(revisions[2].description).toContain('92,000 → more than 100,000');
    const audit = (await test.http.get('/stories/legacy-standoff/audit').set(asAuditor).expect(200)).body;
    expect(audit).toMatchObject({ verified: true, events: 3 });
    const raw = (await test.http.get('/stories/legacy-standoff/events').set(asAuditor).expect(200)).body.items;
    expect(raw[1].data).toMatchObject({ estimate: 92000 });
    // New writes go on from the old events, in the current shape.
    await test.http.post('/stories/legacy-standoff/developments').set(asEditor).set('If-Match', '"3"').send(troops(110000)).expect(201);
    expect((await test.http.get('/stories/legacy-standoff/audit').set(asAuditor).expect(200)).body).toMatchObject({ verified: true, events: 4 });
    const list = (await test.http.get('/stories').set(asReporter).expect(200)).body.items;
    expect(list[0]).toMatchObject({ id: 'legacy-standoff', headline: 'Troops mass near Ukraine' });
  });
});
