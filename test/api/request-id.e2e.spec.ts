import { asReporter, startTestApp, type TestApp } from '../support/test-app';

describe('request ids', () => {
  let test: TestApp;
  beforeAll(async () => {
    test = await startTestApp();
  });
  afterAll(() => test.close());

  it('gives every answer a request id, keeping a well-formed one the caller sent', async () => {
    const fresh = await test.http.get('/health').expect(200);
    expect(fresh.headers['x-request-id']).toMatch(/^[0-9a-f-]{36}$/);
    const kept = await test.http.get('/stories').set(asReporter).set('X-Request-Id', 'desk-42.retry-1').expect(200);
    expect(kept.headers['x-request-id']).toBe('desk-42.retry-1');
    const replaced = await test.http.get('/stories').set(asReporter).set('X-Request-Id', 'bad id with spaces').expect(200);
    expect(replaced.headers['x-request-id']).not.toBe('bad id with spaces');
  });

  it('records the request id of a write as the correlation id of its events', async () => {
    await test.http.post('/stories').set({ Authorization: 'Bearer editor-token-0123456789' }).set('X-Request-Id', 'open-story-1').send({ slug: 'request-ids', headline: 'x' }).expect(201);
    const [event] = await test.store.readAll(0, 1);
    expect(event?.metadata['correlationId']).toBe('open-story-1');
  });
});
