import { rawRequest } from '../support/raw-http';
import { asEditor, asReporter, openStory, recordDevelopment, startTestApp, troops, type TestApp } from '../support/test-app';

const STORY = '/stories/russia-ukraine-standoff';
const fields = (response: { body: { errors?: { field: string }[] } }) => (response.body.errors ?? []).map((error) => error.field).sort();

/** Numbers in queries and headers are plain decimal digits; headers that are stored follow the text rules. */
describe('hostile queries and headers (issue 9 regressions)', () => {
  let test: TestApp;
  beforeAll(async () => {
    test = await startTestApp();
    await openStory(test);
    await recordDevelopment(test, 'russia-ukraine-standoff', troops(90000));
    await recordDevelopment(test, 'russia-ukraine-standoff', troops(100000));
  });
  afterAll(() => test.close());

  it.each(['0x10', '1e1', '+3', ' 3', '3 ', '03', '1.0', '-1', 'Infinity', '\u0663', '', '10000000000000000'])('refuses ?revision=%j (was read as 16, 10, …), naming the parameter', async (value) => {
    const response = await test.http.get(STORY).query(`revision=${encodeURIComponent(value)}`).set(asReporter).expect(400);
    expect(response.body).toMatchObject({ code: 'ValidationFailed', errors: [{ field: 'revision', messages: [expect.stringMatching(/plain decimal digits/)] }] });
  });

  it.each(['2022-W06', '2022-038', '20220207'])('refuses ?asOf=%s (was a 500: ISO 8601 that Date cannot read)', async (time) => {
    expect(fields(await test.http.get(STORY).query({ asOf: time }).set(asReporter).expect(400))).toEqual(['asOf']);
  });

  it('reads ?revision=N written in plain digits, 0 included where the parameter allows it', async () => {
    expect((await test.http.get(STORY).query('revision=2').set(asReporter).expect(200)).body.revision).toBe(2);
    await test.http.get('/changes').query('since=0').set(asReporter).expect(200);
    await test.http.get('/changes').query('since=00').set(asReporter).expect(400);
  });

  it.each([
    ['/stories?limit=1e1', 'limit'],
    [`${STORY}/revisions?from=0x1`, 'from'],
    [`${STORY}/diff?from=1&to=+2`, 'to'],
    ['/changes?before=1.5', 'before'],
    ['/stories?limit=5&limit=6', 'limit'],
  ])('refuses the non-decimal number in %s', async (url, field) => {
    expect(fields(await test.http.get(url).set(asReporter).expect(400))).toEqual([field]);
  });

  it.each(['constructor', '__proto__', 'hasOwnProperty'])('refuses ?%s= on reads instead of passing it on', async (name) => {
    const response = await test.http.get(`/stories?${name}=1`).set(asReporter).expect(400);
    expect(fields(response)).toEqual([name]);
  });

  it('refuses query parameters on a write, which reads none, and appends nothing', async () => {
    const before = await test.eventCount();
    const response = await test.http.post(`${STORY}/developments?revision=0x10`).set(asEditor).send({ type: 'note', text: 'x' }).expect(400);
    expect(fields(response)).toEqual(['revision']);
    expect(await test.eventCount()).toBe(before);
  });

  it.each([
    ['If-Match', '"0x2"'],
    ['If-Match', '"1e1"'],
    ['If-Match', '"03"'],
    ['Idempotency-Key', 'k'.repeat(201)],
    ['Idempotency-Key', 'cl\u00e9'],
    ['X-Edit-Summary', 's'.repeat(501)],
  ])('refuses the header %s: %j on a write, and appends nothing', async (name, value) => {
    const before = await test.eventCount();
    const response = await test.http.post(`${STORY}/developments`).set(asEditor).set(name, value).send({ type: 'note', text: 'x' }).expect(400);
    expect(fields(response)).toEqual([name]);
    expect(await test.eventCount()).toBe(before);
  });

  it('reads X-Edit-Summary sent as UTF-8 bytes (curl) or Latin-1 bytes (a browser) as the same words', async () => {
    await test.app.listen({ port: 0, host: '127.0.0.1' });
    const port = Number(new URL(await test.app.getUrl()).port);
    const words = 'R\u00e9sum\u00e9 from AFP';
    for (const encoding of ['utf8', 'latin1'] as const) {
      const header = Buffer.concat([Buffer.from('x-edit-summary: '), Buffer.from(words, encoding)]);
      const response = await rawRequest(port, { method: 'POST', path: `${STORY}/developments`, headers: { authorization: asEditor.Authorization, 'content-type': 'application/json' }, rawHeaderLines: [header], body: '{"type":"note","text":"x"}' });
      expect(response.status).toBe(201);
    }
    const events = await test.store.readAll(0, 1000);
    expect(events.slice(-2).map((event) => event.metadata['editSummary'])).toEqual([words, words]);
  });

  it('refuses a C1 control in X-Edit-Summary even when the body has its own edit summary', async () => {
    const before = await test.eventCount();
    const response = await test.http.post(`${STORY}/developments`).set(asEditor).set('X-Edit-Summary', 'a\u0085b').send({ type: 'note', text: 'x', editSummary: 'fine' }).expect(400);
    expect(fields(response)).toEqual(['X-Edit-Summary']);
    expect(await test.eventCount()).toBe(before);
  });

  it('refuses a Last-Event-ID that is not plain decimal digits', async () => {
    const response = await test.http.get(`${STORY}/live`).set(asReporter).set('Last-Event-ID', '0x10').expect(400);
    expect(fields(response)).toEqual(['Last-Event-ID']);
    await test.http.get(`${STORY}/live?lastEventId=1e1`).set(asReporter).expect(400);
  });
});
