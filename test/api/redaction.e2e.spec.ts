import { asAuditor, asEditor, asRedactor, asReporter, openStory, recordDevelopment, removeDir, startTestApp, troops, type TestApp } from '../support/test-app';

const STORY = 'russia-ukraine-standoff';
const MARKER = 'Colonel-Marker-7f3a9';

describe('redaction over HTTP', () => {
  let test: TestApp;
  let developmentId: string;
  beforeEach(async () => {
    test = await startTestApp({ store: 'sqlite' });
    await openStory(test, STORY);
    developmentId = await recordDevelopment(test, STORY, troops(92000, { source: { name: MARKER } }));
  });
  afterEach(async () => {
    await test.close();
    removeDir(test.dataDir);
  });

  const redact = (body: unknown, as = asRedactor, id = developmentId) => test.http.post(`/stories/${STORY}/developments/${id}/redactions`).set(as).send(body as object);

  it('takes a value out of the state, keeps the reason, and the audit still verifies', async () => {
    const before = await test.eventCount();
    const answer = await redact({ paths: ['/source/name'], reason: 'Source at risk' }).expect(201);
    expect(answer.body).toMatchObject({ id: STORY, events: ['DevelopmentRedacted'] });
    expect(await test.eventCount()).toBe(before + 1);
    const state = await test.http.get(`/stories/${STORY}`).set(asReporter).expect(200);
    expect(state.text).not.toContain(MARKER);
    expect(state.text).toContain('[redacted]');
    expect((await test.http.get(`/stories/${STORY}/audit`).set(asAuditor).expect(200)).body.verified).toBe(true);
    const raw = await test.http.get(`/stories/${STORY}/events`).set(asAuditor).expect(200);
    expect(raw.text).not.toContain(MARKER);
    const recorded = raw.body.items[1];
    expect(recorded.salts['/source/name']).toEqual({ redacted: expect.stringMatching(/^[0-9a-f]{64}$/) });
    expect(raw.body.items.at(-1)).toMatchObject({ type: 'DevelopmentRedacted', data: { developmentId, paths: ['/source/name'], reason: 'Source at risk' }, actor: 'rosa' });
    // Twice is harmless: nothing appended.
    expect((await redact({ paths: ['/source/name'], reason: 'Again' }).expect(200)).body.events).toEqual([]);
  });

  it('refuses, appending nothing: other roles, a path the development lacks, an unknown development, a bad body', async () => {
    const before = await test.eventCount();
    for (const as of [asEditor, asReporter, asAuditor]) await redact({ paths: ['/source/name'], reason: 'x' }, as).expect(403);
    expect((await redact({ paths: ['/source/phone'], reason: 'x' }).expect(422)).body.code).toBe('RedactionPathNotFound');
    expect((await redact({ paths: ['/developmentId'], reason: 'x' }).expect(422)).body.code).toBe('RedactionNotAllowed');
    await redact({ paths: ['/count'], reason: 'x' }, asRedactor, '01JZ6Q4A1B2C3D4E5F6G7H8J9K').expect(404);
    for (const body of [{}, { paths: [], reason: 'x' }, { paths: ['source'], reason: 'x' }, { paths: ['/count'] }, { paths: ['/count'], reason: 'x', extra: 1 }, { paths: ['/a~2'], reason: 'x' }, { paths: ['/\u000b'], reason: 'x' }, { paths: ['/source/\u0000name'], reason: 'x' }, { paths: ['/\ud800'], reason: 'x' }]) {
      await redact(body).expect(400);
    }
    expect(await test.eventCount()).toBe(before);
  });
});
