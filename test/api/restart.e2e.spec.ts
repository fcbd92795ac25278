import { statSync } from 'node:fs';
import { join } from 'node:path';
import { asEditor, openStory, removeDir, startTestApp, troops } from '../support/test-app';

describe('a restart of the server on the embedded SQLite store', () => {
  it('finds every story, development, list entry and idempotency key as it was', async () => {
    const first = await startTestApp({ store: 'sqlite' });
    const { dataDir } = first;
    await openStory(first, 'russia-ukraine-standoff', { tags: ['nato'] });
    const kept = await first.http.post('/stories/russia-ukraine-standoff/developments').set(asEditor).set('Idempotency-Key', 'before-restart').send(troops(100000)).expect(201);
    const before = (await first.http.get('/stories/russia-ukraine-standoff').set(asEditor).expect(200)).body;
    await first.close();
    expect(statSync(join(dataDir, 'events.sqlite')).size).toBeGreaterThan(0);

    const second = await startTestApp({ store: 'sqlite', dataDir });
    try {
      const after = await second.http.get('/stories/russia-ukraine-standoff').set(asEditor).expect(200);
      expect(after.body).toEqual(before);
      const list = await second.http.get('/stories?tag=nato').set(asEditor).expect(200);
      expect(list.body.items).toEqual([expect.objectContaining({ id: 'russia-ukraine-standoff', revision: 2 })]);
      const retry = await second.http.post('/stories/russia-ukraine-standoff/developments').set(asEditor).set('Idempotency-Key', 'before-restart').send(troops(100000)).expect(201);
      expect(retry.body).toEqual(kept.body);
      expect(await second.eventCount()).toBe(2);
      await second.http.post('/stories/russia-ukraine-standoff/developments').set(asEditor).set('If-Match', '"2"').send(troops(110000)).expect(201);
    } finally {
      await second.close();
      removeDir(dataDir);
    }
  });

  it('rebuilds the story list from the events when the read-model file is lost', async () => {
    const first = await startTestApp({ store: 'sqlite' });
    const { dataDir } = first;
    await openStory(first);
    await first.close();
    removeDir(join(dataDir, 'read-models.sqlite'));
    removeDir(join(dataDir, 'read-models.sqlite-wal'));
    removeDir(join(dataDir, 'read-models.sqlite-shm'));

    const second = await startTestApp({ store: 'sqlite', dataDir });
    try {
      const list = await second.http.get('/stories').set(asEditor).expect(200);
      expect(list.body.items.map((item: { id: string }) => item.id)).toEqual(['russia-ukraine-standoff']);
      const health = await second.http.get('/health').expect(200);
      expect(health.body.projections).toEqual({ position: 1, lag: 0 });
    } finally {
      await second.close();
      removeDir(dataDir);
    }
  });
});
