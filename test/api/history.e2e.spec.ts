import { asAuditor, asEditor, asReporter, openStory, recordDevelopment, startTestApp, troops, type TestApp } from '../support/test-app';

const STORY = '/stories/russia-ukraine-standoff';

describe('history for reporters: revisions, time travel, diffs, timeline', () => {
  let test: TestApp;
  let first: string;
  let second: string;
  let meetingId: string;
  beforeAll(async () => {
    test = await startTestApp();
    await openStory(test, 'russia-ukraine-standoff', { summary: 'Russia masses troops near Ukraine' }); // 1
    first = await recordDevelopment(test, 'russia-ukraine-standoff', troops(92000, { occurredAt: '2022-01-20T00:00:00Z' })); // 2
    second = (await test.http.post(`${STORY}/developments`).set(asEditor).set('X-Edit-Summary', 'Figure from US officials').send(troops(100000, { occurredAt: '2022-02-06T00:00:00Z', source: { name: 'US officials' } })).expect(201)).body.developmentId; // 3
    meetingId = await recordDevelopment(test, 'russia-ukraine-standoff', { type: 'meeting-scheduled', participants: ['Emmanuel Macron', 'Vladimir Putin'], location: 'Moscow', scheduledFor: '2022-02-07' }); // 4
    await recordDevelopment(test, 'russia-ukraine-standoff', { type: 'meeting-held', meetingId, occurredAt: '2022-02-07T18:00:00Z' }); // 5
    await test.http.patch(STORY).set(asEditor).send({ headline: 'Macron meets Putin in Moscow', summary: 'Russia masses more than 100,000 troops near Ukraine' }).expect(200); // 6, 7
    await recordDevelopment(test, 'russia-ukraine-standoff', { type: 'note', text: 'Drills in Pripyat', occurredAt: '2022-02-04T00:00:00Z' }); // 8
  });
  afterAll(() => test.close());

  describe('GET /stories/{id}/revisions', () => {
    it('lists every event with actor, times, edit summary and a one-line description naming old and new values', async () => {
      const { body } = await test.http.get(`${STORY}/revisions`).set(asReporter).expect(200);
      expect(body.items).toHaveLength(8);
      expect(body.items[2]).toMatchObject({
        revision: 3,
        type: 'TroopEstimateRecorded',
        actor: 'alice',
        recordedAt: expect.any(String),
        occurredAt: '2022-02-06T00:00:00Z',
        editSummary: 'Figure from US officials',
        description: 'Troop estimate for Russia near the Ukrainian border: 92,000 → 100,000 (US officials)',
      });
      expect(body.items[4].description).toBe('Meeting Macron – Putin in Moscow: scheduled → held');
      expect(body.items.map((item: { description: string }) => item.description.length > 0)).toEqual(Array(8).fill(true));
    });

    it('pages with from and limit', async () => {
      const page = await test.http.get(`${STORY}/revisions?from=3&limit=2`).set(asReporter).expect(200);
      expect(page.body.items.map((item: { revision: number }) => item.revision)).toEqual([3, 4]);
      expect(page.body.nextFrom).toBe(5);
      const last = await test.http.get(`${STORY}/revisions?from=7&limit=5`).set(asReporter).expect(200);
      expect(last.body.items.map((item: { revision: number }) => item.revision)).toEqual([7, 8]);
      expect(last.body.nextFrom).toBeNull();
    });

    it.each(['from=0', 'limit=0', 'limit=501', 'from=x'])('answers 400 to ?%s', async (query) => {
      await test.http.get(`${STORY}/revisions?${query}`).set(asReporter).expect(400);
    });
  });

  describe('time travel', () => {
    it('gives the story as it stood at revision N', async () => {
      const { body, headers } = await test.http.get(`${STORY}?revision=2`).set(asReporter).expect(200);
      expect(body.revision).toBe(2);
      expect(headers['etag']).toBe('"2"');
      expect(body.troopEstimates['Russia|near the Ukrainian border'].count).toBe(92000);
      expect(body.meetings).toEqual({});
      expect(body.headline).toBe('Macron heads to Moscow');
    });

    it('gives the story as it stood at a record time', async () => {
      const revisions = (await test.http.get(`${STORY}/revisions`).set(asReporter).expect(200)).body.items;
      const { body } = await test.http.get(`${STORY}?asOf=${revisions[3].recordedAt}`).set(asReporter).expect(200);
      expect(body.revision).toBeGreaterThanOrEqual(4);
      expect(body.revision).toBeLessThanOrEqual(revisions.filter((item: { recordedAt: string }) => item.recordedAt === revisions[3].recordedAt).at(-1).revision);
    });

    it('answers 404 past the end and before the story existed, never a silent latest', async () => {
      const past = await test.http.get(`${STORY}?revision=9`).set(asReporter).expect(404);
      expect(past.body).toMatchObject({ code: 'RevisionNotFound', latestRevision: 8 });
      await test.http.get(`${STORY}?asOf=2000-01-01T00:00:00Z`).set(asReporter).expect(404);
    });

    it.each(['revision=0', 'revision=two', 'asOf=yesterday', 'revision=2&asOf=2022-02-07T00:00:00Z'])('answers 400 to ?%s', async (query) => {
      await test.http.get(`${STORY}?${query}`).set(asReporter).expect(400);
    });
  });

  describe('GET /stories/{id}/diff', () => {
    it('shows a revised troop estimate as a replace at a path naming the entry, with its description', async () => {
      const { body } = await test.http.get(`${STORY}/diff?from=2&to=3`).set(asReporter).expect(200);
      expect(body).toMatchObject({ from: 2, to: 3 });
      expect(body.changes).toEqual(
        expect.arrayContaining([
          { op: 'replace', path: '/revision', before: 2, after: 3 },
          { op: 'replace', path: '/troopEstimates/Russia|near the Ukrainian border/count', before: 92000, after: 100000 },
          { op: 'replace', path: '/troopEstimates/Russia|near the Ukrainian border/developmentId', before: first, after: second },
        ]),
      );
      expect(body.descriptions).toEqual(['Troop estimate for Russia near the Ukrainian border: 92,000 → 100,000 (US officials)']);
      expect(body.text).toEqual({});
    });

    it('names meetings by id and gives word diffs of headline and summary; to defaults to the latest', async () => {
      const { body } = await test.http.get(`${STORY}/diff?from=4`).set(asReporter).expect(200);
      expect(body.to).toBe(8);
      expect(body.changes).toEqual(expect.arrayContaining([{ op: 'replace', path: `/meetings/${meetingId}/status`, before: 'scheduled', after: 'held' }]));
      expect(body.changes.some((change: { op: string; path: string }) => change.op === 'add' && change.path.startsWith('/notes/'))).toBe(true);
      expect(body.descriptions).toHaveLength(4);
      const headline = body.text.headline as { op: string; text: string }[];
      expect(headline.map((part) => part.text).join('')).not.toBe('');
      expect(headline.filter((part) => part.op !== 'insert').map((part) => part.text).join('')).toBe('Macron heads to Moscow');
      expect(headline.filter((part) => part.op !== 'delete').map((part) => part.text).join('')).toBe('Macron meets Putin in Moscow');
      expect(body.text.summary.some((part: { op: string; text: string }) => part.op === 'insert' && part.text.includes('100,000'))).toBe(true);
    });

    it.each([
      ['from=3&to=3', 400],
      ['from=5&to=2', 400],
      ['to=3', 400],
      ['from=2&to=99', 404],
      ['from=abc', 400],
    ])('answers ?%s with %i', async (query, status) => {
      const response = await test.http.get(`${STORY}/diff?${query}`).set(asReporter).expect(status);
      expect(response.body.detail).toEqual(expect.any(String));
    });
  });

  describe('GET /stories/{id}/timeline', () => {
    it('orders developments by world time and marks the ones recorded late', async () => {
      const { body } = await test.http.get(`${STORY}/timeline`).set(asReporter).expect(200);
      const revisions = body.items.map((item: { revision: number }) => item.revision);
      expect(revisions.indexOf(8)).toBeLessThan(revisions.indexOf(5));
      const note = body.items.find((item: { revision: number }) => item.revision === 8);
      expect(note.lateRecorded).toBe(true);
      expect(body.items.find((item: { revision: number }) => item.revision === 2).lateRecorded).toBe(false);
      await test.http.get(`${STORY}/timeline?order=alphabetical`).set(asReporter).expect(400);
      await test.http.get(`${STORY}/timeline?colour=red`).set(asReporter).expect(400);
      const recordOrder = await test.http.get(`${STORY}/timeline?order=record`).set(asReporter).expect(200);
      expect(recordOrder.body.items.map((item: { revision: number }) => item.revision)).toEqual([2, 3, 4, 5, 8]);
    });
  });

  describe('for auditors', () => {
    it('serves the raw log with all metadata, and streams it as NDJSON', async () => {
      const { body } = await test.http.get(`${STORY}/events`).set(asAuditor).expect(200);
      expect(body.items).toHaveLength(8);
      expect(body.items[2]).toMatchObject({ revision: 3, globalPosition: 3, type: 'TroopEstimateRecorded', actor: 'alice', editSummary: 'Figure from US officials', occurredAt: '2022-02-06T00:00:00Z', hash: expect.stringMatching(/^[0-9a-f]{64}$/), previousHash: body.items[1].hash });
      const ndjson = await test.http.get(`${STORY}/events`).set(asAuditor).set('Accept', 'application/x-ndjson').buffer(true).parse((response, done) => {
        let text = '';
        response.on('data', (chunk: Buffer) => (text += chunk.toString()));
        response.on('end', () => done(null, text));
      }).expect(200);
      expect(ndjson.headers['content-type']).toMatch(/application\/x-ndjson/);
      const lines = (ndjson.body as string).trim().split('\n').map((line) => JSON.parse(line));
      expect(lines).toEqual(body.items);
    });

    it('verifies the chain and replays the state', async () => {
      const { body } = await test.http.get(`${STORY}/audit`).set(asAuditor).expect(200);
      expect(body).toEqual({ verified: true, events: 8, stateHash: expect.stringMatching(/^[0-9a-f]{64}$/) });
    });

    it('keeps the raw log and audit from reporters (403)', async () => {
      await test.http.get(`${STORY}/events`).set(asReporter).expect(403);
      await test.http.get(`${STORY}/audit`).set(asReporter).expect(403);
      await test.http.get('/stories/nope-nope/audit').set(asAuditor).expect(404);
    });
  });

  describe('GET /changes', () => {
    it('lists changes across stories newest first, and pages back', async () => {
      await openStory(test, 'scholz-trip', { headline: 'Scholz to visit Kyiv' });
      const { body } = await test.http.get('/changes?limit=2').set(asReporter).expect(200);
      expect(body.items.map((item: { globalPosition: number }) => item.globalPosition)).toEqual([9, 8]);
      expect(body.items[0]).toMatchObject({ storyId: 'scholz-trip', revision: 1, type: 'StoryOpened', description: expect.stringContaining('Scholz'), actor: 'alice' });
      const older = await test.http.get(`/changes?limit=2&before=${body.nextBefore}`).set(asReporter).expect(200);
      expect(older.body.items.map((item: { globalPosition: number }) => item.globalPosition)).toEqual([7, 6]);
    });

    it('follows the feed from a global position', async () => {
      const { body } = await test.http.get('/changes?since=7&limit=10').set(asReporter).expect(200);
      expect(body.items.map((item: { globalPosition: number }) => item.globalPosition)).toEqual([8, 9]);
      expect(body.nextSince).toBe(9);
      const none = await test.http.get('/changes?since=9').set(asReporter).expect(200);
      expect(none.body).toEqual({ items: [], nextSince: 9 });
    });

    it.each(['since=-1', 'limit=0', 'since=1&before=5'])('answers 400 to ?%s', async (query) => {
      await test.http.get(`/changes?${query}`).set(asReporter).expect(400);
    });
  });
});

describe('a story that does not exist', () => {
  let test: TestApp;
  beforeAll(async () => {
    test = await startTestApp();
  });
  afterAll(() => test.close());

  it.each([
    ['/stories/no-such-story?revision=1', asReporter],
    ['/stories/no-such-story?asOf=2022-02-07T00:00:00Z', asReporter],
    ['/stories/no-such-story/revisions', asReporter],
    ['/stories/no-such-story/diff?from=1&to=2', asReporter],
    ['/stories/no-such-story/diff?from=1', asReporter],
    ['/stories/no-such-story/timeline', asReporter],
    ['/stories/no-such-story/live', asReporter],
    ['/stories/no-such-story/events', asAuditor],
    ['/stories/no-such-story/audit', asAuditor],
  ])('is 404 at %s', async (path, role) => {
    const response = await test.http.get(path).set(role).expect(404);
    expect(response.body.code).toBe('StoryNotFound');
  });
});
