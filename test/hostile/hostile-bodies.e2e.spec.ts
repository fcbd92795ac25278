import type { Response } from 'supertest';
import { MAX_JSON_DEPTH } from '../../apps/api/src/validation/json-body.parser';
import { rawRequest } from '../support/raw-http';
import { asEditor, asReporter, openStory, recordDevelopment, startTestApp, troops, type TestApp } from '../support/test-app';

const STORY = '/stories/russia-ukraine-standoff';
const fields = (response: { body: { errors?: { field: string }[] } }) => (response.body.errors ?? []).map((error) => error.field).sort();

/** The defects issue 9 found in how bodies were read, each as it was reported: now a 4xx that appends nothing. */
describe('hostile bodies (issue 9 regressions)', () => {
  let test: TestApp;
  let estimate: string;
  beforeAll(async () => {
    test = await startTestApp();
    await openStory(test);
    estimate = await recordDevelopment(test, 'russia-ukraine-standoff', troops(90000));
  });
  afterAll(() => test.close());

  const postJson = (path: string, text: string | Buffer) => test.http.post(path).set(asEditor).set('Content-Type', 'application/json').send(text);
  async function expectNothingAppended(request: () => Promise<Response>): Promise<Response> {
    const before = await test.eventCount();
    const response = await request();
    expect(response.status).toBeGreaterThanOrEqual(400);
    expect(response.status).toBeLessThan(500);
    expect(response.headers['content-type']).toMatch(/^application\/problem\+json/);
    expect(response.body.code).toEqual(expect.any(String));
    expect(await test.eventCount()).toBe(before);
    return response;
  }

  it('refuses a correction whose changes name `constructor` (was a 500 from class-transformer), naming the field', async () => {
    const response = await expectNothingAppended(() => postJson(`${STORY}/developments/${estimate}/corrections`, '{"changes":{"constructor":1},"reason":"r"}'));
    expect(response.status).toBe(400);
    expect(response.body).toMatchObject({ code: 'ValidationFailed', errors: [{ field: 'changes.constructor', messages: ['constructor is not allowed as a property name'] }] });
  });

  it.each(['constructor', 'hasOwnProperty', '__proto__', 'prototype', 'toString', 'valueOf'])('refuses a development with a key named %s instead of dropping it', async (key) => {
    const response = await expectNothingAppended(() => postJson(`${STORY}/developments`, `{"type":"note","text":"x","${key}":1}`));
    expect(response.status).toBe(400);
    expect(fields(response)).toEqual([key]);
  });

  it.each([
    ['source', (deep: string) => `{"type":"note","text":"x","source":${deep}}`, `${STORY}/developments`],
    ['changes', (deep: string) => `{"changes":${deep},"reason":"r"}`, 'corrections'],
  ])('refuses a body nested 10,000 levels deep in %s (was a stack overflow), 40 at once too', async (_field, body, path) => {
    const deep = `${'{"a":'.repeat(10_000)}1${'}'.repeat(10_000)}`;
    const url = path === 'corrections' ? `${STORY}/developments/${estimate}/corrections` : path;
    const before = await test.eventCount();
    const responses = await Promise.all(Array.from({ length: 40 }, () => postJson(url, body(deep))));
    expect(responses.map((response) => response.status)).toEqual(Array(40).fill(400));
    expect(responses.map((response) => response.body.code)).toEqual(Array(40).fill('JsonTooDeep'));
    expect(await test.eventCount()).toBe(before);
  });

  it('names a key holding a dot in brackets, so that it is not taken for the nested field', async () => {
    const response = await expectNothingAppended(() => postJson(`${STORY}/developments`, '{"type":"note","text":"x","source.name":"AFP"}'));
    expect(fields(response)).toEqual(['["source.name"]']);
    const nested = await expectNothingAppended(() => postJson(`${STORY}/developments/${estimate}/corrections`, '{"changes":{"source":{"name":"AFP","url.x":"y"}},"reason":"r"}'));
    expect(fields(nested)).toEqual(['changes.source["url.x"]']);
  });

  it('takes a body exactly as deep as the limit, and refuses one level more', async () => {
    const nested = (levels: number) => `${'['.repeat(levels)}${']'.repeat(levels)}`;
    // The object itself is one level, `note`'s array the rest: at the limit the parser lets it through to validation.
    const atLimit = await postJson(`${STORY}/developments`, `{"type":"note","text":"x","note":${nested(MAX_JSON_DEPTH - 1)}}`);
    expect(atLimit.body).toMatchObject({ code: 'ValidationFailed', errors: [{ field: 'note' }] });
    const beyond = await postJson(`${STORY}/developments`, `{"type":"note","text":"x","note":${nested(MAX_JSON_DEPTH)}}`);
    expect(beyond.body.code).toBe('JsonTooDeep');
  });

  it.each([
    ['1e308', 'count'],
    ['9007199254740993', 'count'],
    ['10000001', 'count'],
    ['1e400', 'count'],
    ['0', 'count'],
    ['2.5', 'count'],
  ])('refuses the troop count %s', async (count, field) => {
    const response = await expectNothingAppended(() => postJson(`${STORY}/developments`, `{"type":"troop-estimate","force":"Russia","location":"Belarus","count":${count}}`));
    expect(fields(response)).toEqual([field]);
  });

  it('takes the largest count there is (10,000,000), and refuses it as a correction one higher', async () => {
    await postJson(`${STORY}/developments`, '{"type":"deployment","force":"Russia","destination":"Belarus","count":10000000}').expect(201);
    const response = await expectNothingAppended(() => postJson(`${STORY}/developments/${estimate}/corrections`, '{"changes":{"count":10000001},"reason":"r"}'));
    expect(fields(response)).toEqual(['changes.count']);
  });

  it.each([
    ['NUL', '"Drills\\u0000 in Pripyat"'],
    ['ESC', '"\\u001b[31mred"'],
    ['a C1 control', '"next\\u0085line"'],
    ['a lone high surrogate', '"\\ud800"'],
    ['a lone low surrogate', '"x\\udc00y"'],
    ['whitespace only', '"   \\t  "'],
  ])('refuses %s in a note', async (_what, text) => {
    const response = await expectNothingAppended(() => postJson(`${STORY}/developments`, `{"type":"note","text":${text}}`));
    expect(fields(response)).toEqual(['text']);
  });

  it.each([
    ['\\t', 'a tab'],
    ['\\n', 'a line break'],
  ])('refuses %s in a name, and keeps it in prose', async (escaped) => {
    const refused = await expectNothingAppended(() => postJson(`${STORY}/developments`, `{"type":"statement","speaker":"Emmanuel${escaped}Macron","text":"Line one${escaped}line two"}`));
    expect(fields(refused)).toEqual(['speaker']);
    await postJson(`${STORY}/developments`, `{"type":"statement","speaker":"Emmanuel Macron","text":"Line one${escaped}line two"}`).expect(201);
  });

  it('refuses raw bytes that are not UTF-8 in a body, instead of keeping replacement characters', async () => {
    await test.app.listen({ port: 0, host: '127.0.0.1' });
    const port = Number(new URL(await test.app.getUrl()).port);
    const body = Buffer.concat([Buffer.from('{"type":"note","text":"caf'), Buffer.from([0xe9]), Buffer.from('"}')]);
    const before = await test.eventCount();
    const response = await rawRequest(port, { method: 'POST', path: `${STORY}/developments`, headers: { authorization: asEditor.Authorization, 'content-type': 'application/json' }, body });
    expect(response.status).toBe(400);
    expect(response.headers['content-type']).toMatch(/^application\/problem\+json/);
    expect(JSON.parse(response.body).code).toBe('MalformedJson');
    expect(await test.eventCount()).toBe(before);
  });

  it.each(['2022-W06', '2022-038', '20220207', '20220207T120000Z'])('refuses the time %s, which ISO 8601 allows and Date cannot read, in occurredAt and scheduledFor', async (time) => {
    expect(fields(await expectNothingAppended(() => test.http.post(`${STORY}/developments`).set(asEditor).send({ type: 'note', text: 'x', occurredAt: time })))).toEqual(['occurredAt']);
    const meeting = { type: 'meeting-scheduled', participants: ['A', 'B'], location: 'Paris', scheduledFor: time };
    expect(fields(await expectNothingAppended(() => test.http.post(`${STORY}/developments`).set(asEditor).send(meeting)))).toEqual(['scheduledFor']);
  });

  it('keeps text in NFC and prose line ends as LF', async () => {
    const id = await recordDevelopment(test, 'russia-ukraine-standoff', { type: 'statement', speaker: 'Emmanuel Macron', text: 'Cafe\u0301 talks\r\nwent on', outlet: 'Le Monde' });
    const story = (await test.http.get(STORY).set(asReporter).expect(200)).body;
    expect(story.statements[id].text).toBe('Caf\u00e9 talks\nwent on');
  });

  it.each([
    [{ type: 'meeting-scheduled', participants: ['A', 'A'], location: 'Paris', scheduledFor: '2022-01-26' }, 'participants'],
    [{ type: 'meeting-scheduled', participants: ['Vladimir Putin', ' vladimir  putin'], location: 'Paris', scheduledFor: '2022-01-26' }, 'participants'],
    [{ type: 'meeting-scheduled', participants: ['Caf\u00e9', 'Cafe\u0301'], location: 'Paris', scheduledFor: '2022-01-26' }, 'participants'],
    [{ type: 'demand-made', by: 'Russia', addressedTo: ['NATO', 'NATO'], text: 'Halt' }, 'addressedTo'],
  ])('refuses a list that names someone twice: %j', async (development, field) => {
    const response = await expectNothingAppended(() => test.http.post(`${STORY}/developments`).set(asEditor).send(development));
    expect(fields(response)).toEqual([field]);
    expect(response.body.errors[0].messages[0]).toMatch(/twice/);
  });

  it('refuses tags given twice and a rejection by the same party twice', async () => {
    const tags = await expectNothingAppended(() => test.http.patch(STORY).set(asEditor).send({ tags: ['nato', 'NATO'] }));
    expect(fields(tags)).toEqual(['tags']);
    const demandId = await recordDevelopment(test, 'russia-ukraine-standoff', { type: 'demand-made', by: 'Russia', addressedTo: ['NATO'], text: 'Halt' });
    const by = await expectNothingAppended(() => test.http.post(`${STORY}/developments`).set(asEditor).send({ type: 'demand-rejected', demandId, by: ['NATO', 'nato'] }));
    expect(fields(by)).toEqual(['by']);
  });

  it('refuses a headline or an edit summary of whitespace alone, and lets a summary be emptied', async () => {
    expect(fields(await expectNothingAppended(() => test.http.patch(STORY).set(asEditor).send({ headline: ' \u00a0 ' })))).toEqual(['headline']);
    expect(fields(await expectNothingAppended(() => test.http.patch(STORY).set(asEditor).send({ summary: '   ' })))).toEqual(['summary']);
    expect(fields(await expectNothingAppended(() => test.http.post(`${STORY}/publish`).set(asEditor).send({ editSummary: '  ' })))).toEqual(['editSummary']);
    await test.http.patch(STORY).set(asEditor).send({ summary: 'Talks' }).expect(200);
    await test.http.patch(STORY).set(asEditor).send({ summary: '' }).expect(200);
  });

  it('refuses a body that is not JSON media type (415) or not UTF-8 JSON (415 for another charset)', async () => {
    const text = await expectNothingAppended(() => test.http.post(`${STORY}/developments`).set(asEditor).set('Content-Type', 'text/plain').send('{"type":"note","text":"x"}'));
    expect(text).toMatchObject({ status: 415, body: { code: 'UnsupportedMediaType' } });
    const form = await expectNothingAppended(() => test.http.post(`${STORY}/developments`).set(asEditor).type('form').send({ type: 'note', text: 'x' }));
    expect(form.status).toBe(415);
    const latin1 = await expectNothingAppended(() => test.http.post(`${STORY}/developments`).set(asEditor).set('Content-Type', 'application/json; charset=iso-8859-1').send('{"type":"note","text":"x"}'));
    expect(latin1.status).toBe(415);
    await test.http.post(`${STORY}/developments`).set(asEditor).set('Content-Type', 'application/json; charset=UTF-8').send('{"type":"note","text":"x"}').expect(201);
  });
});
