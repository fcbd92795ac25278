import { asEditor, bearer, openStory, startTestApp, TOKENS, troops, type TestApp } from '../support/test-app';

const DEVELOPMENTS = '/stories/russia-ukraine-standoff/developments';

describe.each(['memory', 'sqlite'] as const)('optimistic concurrency and idempotency (%s store)', (storeKind) => {
  let test: TestApp;
  beforeEach(async () => {
    test = await startTestApp({ store: storeKind });
    await openStory(test);
  });
  afterEach(() => test.close());

  describe('If-Match', () => {
    it('applies a write based on the current revision', async () => {
      const response = await test.http.post(DEVELOPMENTS).set(asEditor).set('If-Match', '"1"').send(troops(92000)).expect(201);
      expect(response.body.revision).toBe(2);
    });

    it('refuses a write based on an older revision with 412 and the current revision, appending nothing', async () => {
      await test.http.post(DEVELOPMENTS).set(asEditor).send(troops(92000)).expect(201);
      const response = await test.http.post(DEVELOPMENTS).set(asEditor).set('If-Match', '"1"').send(troops(100000)).expect(412);
      expect(response.body).toMatchObject({ code: 'RevisionConflict', currentRevision: 2 });
      expect(await test.eventCount()).toBe(2);
    });

    it('answers 400 to an If-Match that is not a revision', async () => {
      const response = await test.http.post(DEVELOPMENTS).set(asEditor).set('If-Match', 'yesterday').send(troops(1)).expect(400);
      expect(response.body.errors[0].field).toBe('If-Match');
      expect(await test.eventCount()).toBe(1);
    });

    it('lets exactly one of two editors racing from the same revision win', async () => {
      const [alice, bob] = await Promise.all([
        test.http.post(DEVELOPMENTS).set(asEditor).set('If-Match', '"1"').send(troops(92000)),
        test.http.post(DEVELOPMENTS).set(bearer(TOKENS.otherEditor)).set('If-Match', '"1"').send(troops(100000)),
      ]);
      expect([alice.status, bob.status].sort()).toEqual([201, 412]);
      expect(await test.eventCount()).toBe(2);
    });

    it('loses no update when many editors write without If-Match at once', async () => {
      const responses = await Promise.all(Array.from({ length: 20 }, (_, i) => test.http.post(DEVELOPMENTS).set(i % 2 ? asEditor : bearer(TOKENS.otherEditor)).send({ type: 'note', text: `note ${i}` })));
      expect(responses.map((response) => response.status)).toEqual(Array(20).fill(201));
      expect(new Set(responses.map((response) => response.body.revision)).size).toBe(20);
      const story = (await test.http.get('/stories/russia-ukraine-standoff').set(asEditor).expect(200)).body;
      expect(story.revision).toBe(21);
      expect(Object.keys(story.notes)).toHaveLength(20);
    });
  });

  describe('Idempotency-Key', () => {
    it('answers a retry with the first answer and appends once', async () => {
      const first = await test.http.post(DEVELOPMENTS).set(asEditor).set('Idempotency-Key', 'troops-1').send(troops(100000)).expect(201);
      const retry = await test.http.post(DEVELOPMENTS).set(asEditor).set('Idempotency-Key', 'troops-1').send(troops(100000)).expect(201);
      expect(retry.body).toEqual(first.body);
      expect(retry.headers['etag']).toBe(first.headers['etag']);
      expect(retry.headers['idempotent-replayed']).toBe('true');
      expect(await test.eventCount()).toBe(2);
    });

    it('answers concurrent retries with one answer and appends once', async () => {
      const responses = await Promise.all(Array.from({ length: 5 }, () => test.http.post(DEVELOPMENTS).set(asEditor).set('Idempotency-Key', 'burst').send(troops(100000))));
      expect(responses.map((response) => response.status)).toEqual(Array(5).fill(201));
      expect(new Set(responses.map((response) => response.body.developmentId)).size).toBe(1);
      expect(await test.eventCount()).toBe(2);
    });

    it('refuses the same key with another body or another path (422), appending nothing', async () => {
      await test.http.post(DEVELOPMENTS).set(asEditor).set('Idempotency-Key', 'k').send(troops(100000)).expect(201);
      const otherBody = await test.http.post(DEVELOPMENTS).set(asEditor).set('Idempotency-Key', 'k').send(troops(110000)).expect(422);
      expect(otherBody.body.code).toBe('IdempotencyKeyReused');
      await test.http.patch('/stories/russia-ukraine-standoff').set(asEditor).set('Idempotency-Key', 'k').send({ headline: 'New' }).expect(422);
      expect(await test.eventCount()).toBe(2);
    });

    it('keeps keys per actor: two editors may use the same key', async () => {
      await test.http.post(DEVELOPMENTS).set(asEditor).set('Idempotency-Key', 'shared').send(troops(100000)).expect(201);
      const bob = await test.http.post(DEVELOPMENTS).set(bearer(TOKENS.otherEditor)).set('Idempotency-Key', 'shared').send(troops(100000)).expect(201);
      expect(bob.headers['idempotent-replayed']).toBeUndefined();
      expect(await test.eventCount()).toBe(3);
    });

    it('keeps only successful answers, so a failed request may be retried with the same key', async () => {
      await test.http.post(DEVELOPMENTS).set(asEditor).set('Idempotency-Key', 'retry-me').send({ type: 'meeting-held', meetingId: 'unknown' }).expect(422);
      await test.http.post(DEVELOPMENTS).set(asEditor).set('Idempotency-Key', 'retry-me').send(troops(100000)).expect(201);
      expect(await test.eventCount()).toBe(2);
    });

    it('refuses a key longer than 200 characters with 400', async () => {
      const response = await test.http.post(DEVELOPMENTS).set(asEditor).set('Idempotency-Key', 'k'.repeat(201)).send(troops(1)).expect(400);
      expect(response.body.errors[0].field).toBe('Idempotency-Key');
      expect(await test.eventCount()).toBe(1);
    });
  });
});
