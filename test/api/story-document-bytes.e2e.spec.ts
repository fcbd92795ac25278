import { QueryBus } from '@nestjs/cqrs';
import { DocumentBytesCache } from '../../apps/api/src/stories/documents/document-bytes.cache';
import { GetStoryQuery } from '../../apps/api/src/stories/queries/get-story.query';
import { StoryLoader } from '../../apps/api/src/story-loader/story-loader.service';
import { asEditor, asReporter, openStory, recordDevelopment, removeDir, startTestApp, troops, type TestApp } from '../support/test-app';

const MIB = 1024 * 1024;

/**
 * GET /stories/{id} answers with the bytes kept for the story's revision: the same bytes and ETag
 * again and again, never a revision older than the stream's head, a 304 while the ETag holds, and a
 * cache that stays within its bound.
 */
describe('GET /stories/{id} from kept bytes', () => {
  describe('on one instance', () => {
    let test: TestApp;
    beforeAll(async () => {
      test = await startTestApp();
      await openStory(test, 'bytes-story');
      await recordDevelopment(test, 'bytes-story', troops(92000));
    });
    afterAll(() => test.close());

    it('answers the same bytes, ETag and headers again, as JSON that Fastify would have serialised alike', async () => {
      const first = await test.http.get('/stories/bytes-story').set(asReporter).expect(200);
      const again = await test.http.get('/stories/bytes-story').set(asReporter).expect(200);
      expect(again.text).toBe(first.text);
      expect(JSON.stringify(JSON.parse(first.text))).toBe(first.text);
      expect(first.body).toMatchObject({ id: 'bytes-story', revision: 2 });
      expect(test.app.get(DocumentBytesCache).get('bytes-story', 2)?.body.toString('utf8')).toBe(first.text);
      for (const response of [first, again]) {
        expect(response.headers['etag']).toBe('"2"');
        expect(response.headers['content-type']).toBe('application/json; charset=utf-8');
        expect(response.headers['content-length']).toBe(String(Buffer.byteLength(first.text)));
        expect(response.headers['cache-control']).toBe('private, no-cache');
        expect(response.headers['x-content-type-options']).toBe('nosniff');
      }
    });

    it('shows a write at once, and answers 304 only for the revision that is the head now', async () => {
      await test.http.get('/stories/bytes-story').set(asReporter).expect(200);
      await recordDevelopment(test, 'bytes-story', { type: 'note', text: 'Kept bytes must not hide this' });
      const moved = await test.http.get('/stories/bytes-story').set(asReporter).set('If-None-Match', '"2"').expect(200);
      expect(moved.headers['etag']).toBe('"3"');
      expect(moved.body.revision).toBe(3);
      expect(Object.values(moved.body.notes as Record<string, { text: string }>).map((note) => note.text)).toEqual(['Kept bytes must not hide this']);
      const unchanged = await test.http.get('/stories/bytes-story').set(asReporter).set('If-None-Match', 'W/"1", "3"').expect(304);
      expect(unchanged.text ?? '').toBe('');
      expect(unchanged.headers['etag']).toBe('"3"');
      expect(unchanged.headers['cache-control']).toBe('private, no-cache');
    });

    it('answers a past revision, by number or by time, with the bytes that were sent when it was the head', async () => {
      await openStory(test, 'bytes-travel');
      const atOne = await test.http.get('/stories/bytes-travel').set(asReporter).expect(200);
      await recordDevelopment(test, 'bytes-travel', troops(100000));
      const byRevision = await test.http.get('/stories/bytes-travel?revision=1').set(asReporter).expect(200);
      expect(byRevision.text).toBe(atOne.text);
      expect(byRevision.headers['etag']).toBe('"1"');
      const byTime = await test.http.get(`/stories/bytes-travel?asOf=${encodeURIComponent(atOne.body.updatedAt as string)}`).set(asReporter).expect(200);
      expect(byTime.text).toBe(atOne.text);
      expect((await test.http.get('/stories/bytes-travel?revision=1').set(asReporter).set('If-None-Match', '"1"').expect(304)).text ?? '').toBe('');
    });

    it('builds a new revision\'s document once for readers arriving together, and gives each the same bytes', async () => {
      await openStory(test, 'bytes-together');
      const loader = test.app.get(StoryLoader);
      const latest = jest.spyOn(loader, 'latest');
      const stateAt = jest.spyOn(loader, 'stateAt');
      try {
        const queries = test.app.get(QueryBus);
        const answers = await Promise.all(Array.from({ length: 5 }, () => queries.execute(new GetStoryQuery('bytes-together'))));
        expect(new Set(answers).size).toBe(1);
        expect(latest).toHaveBeenCalledTimes(1);
        const past = await Promise.all(Array.from({ length: 5 }, () => queries.execute(new GetStoryQuery('bytes-together', { revision: 1 }))));
        expect(past.every((answer) => answer === answers[0])).toBe(true);
        expect(stateAt).not.toHaveBeenCalled();
      } finally {
        latest.mockRestore();
        stateAt.mockRestore();
      }
    });

    it('still refuses what it refused: an unknown story, a revision past the end, a bad query, no token', async () => {
      await test.http.get('/stories/no-such-story').set(asReporter).expect(404);
      await test.http.get('/stories/bytes-story?revision=99').set(asReporter).expect(404);
      await test.http.get('/stories/bytes-story?revision=0x1').set(asReporter).expect(400);
      await test.http.get('/stories/bytes-story?revision=1&asOf=2026-01-01T00:00:00.000Z').set(asReporter).expect(400);
      await test.http.get('/stories/bytes-story?unknown=1').set(asReporter).expect(400);
      await test.http.get('/stories/bytes-story').expect(401);
      await test.http.get('/stories/bytes-story').set({ Authorization: 'Bearer not-a-known-token-at-all' }).expect(401);
    });
  });

  describe('two instances on one SQLite store', () => {
    let a: TestApp;
    let b: TestApp;
    beforeAll(async () => {
      a = await startTestApp({ store: 'sqlite' });
      b = await startTestApp({ store: 'sqlite', dataDir: a.dataDir });
    });
    afterAll(async () => {
      await b?.close();
      await a?.close();
      removeDir(a.dataDir);
    });

    it('never answers from kept bytes a revision older than the stream\'s head after the other instance wrote', async () => {
      await openStory(a, 'bytes-shared');
      for (let revision = 1; revision <= 4; revision++) {
        const kept = await a.http.get('/stories/bytes-shared').set(asReporter).expect(200);
        expect(kept.headers['etag']).toBe(`"${revision}"`);
        await b.http.post('/stories/bytes-shared/developments').set(asEditor).send(troops(1000 * revision)).expect(201);
        const fresh = await a.http.get('/stories/bytes-shared').set(asReporter).set('If-None-Match', `"${revision}"`).expect(200);
        expect(fresh.headers['etag']).toBe(`"${revision + 1}"`);
        expect(fresh.body.troopEstimates['Russia|near the Ukrainian border'].count).toBe(1000 * revision);
        expect(fresh.text).toBe((await b.http.get('/stories/bytes-shared').set(asReporter).expect(200)).text);
      }
    });
  });

  describe('within its bound', () => {
    let test: TestApp;
    beforeAll(async () => {
      test = await startTestApp({ env: { DOCUMENT_CACHE_MIB: '1' } });
    });
    afterAll(() => test.close());

    it('evicts the least recently read documents to stay under DOCUMENT_CACHE_MIB, and answers what it evicted the same again', async () => {
      await openStory(test, 'bytes-large');
      for (let index = 0; index < 40; index++) await recordDevelopment(test, 'bytes-large', { type: 'note', text: `${index} ${'x'.repeat(9000)}` });
      const cache = test.app.get(DocumentBytesCache);
      const first = new Map<number, string>();
      for (let revision = 1; revision <= 41; revision++) {
        first.set(revision, (await test.http.get(`/stories/bytes-large?revision=${revision}`).set(asReporter).expect(200)).text);
        expect(cache.bytes).toBeLessThanOrEqual(MIB);
      }
      // About 7 MiB of documents were read: most of them are gone again, the latest ones kept.
      expect(cache.size).toBeLessThan(41);
      expect(cache.get('bytes-large', 41)).toBeDefined();
      expect(cache.get('bytes-large', 2)).toBeUndefined();
      for (const revision of [2, 41]) expect((await test.http.get(`/stories/bytes-large?revision=${revision}`).set(asReporter).expect(200)).text).toBe(first.get(revision));
      expect((await test.http.get('/stories/bytes-large').set(asReporter).expect(200)).text).toBe(first.get(41));
    });

    it('keeps nothing with DOCUMENT_CACHE_MIB=0, and answers alike', async () => {
      const none = await startTestApp({ env: { DOCUMENT_CACHE_MIB: '0' } });
      try {
        await openStory(none, 'bytes-none');
        const first = await none.http.get('/stories/bytes-none').set(asReporter).expect(200);
        expect((await none.http.get('/stories/bytes-none').set(asReporter).expect(200)).text).toBe(first.text);
        expect(none.app.get(DocumentBytesCache).size).toBe(0);
      } finally {
        await none.close();
      }
    });
  });
});
