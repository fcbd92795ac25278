import { asEditor, asReporter, openStory, startTestApp, type TestApp } from '../support/test-app';

/** API answers are never MIME-sniffed and never kept by a shared cache; a story's state is revalidated by ETag. */
describe('security and cache headers', () => {
  let test: TestApp;
  beforeAll(async () => {
    test = await startTestApp();
    await openStory(test);
  });
  afterAll(() => test.close());

  it.each([
    ['GET', '/stories', asReporter, 200],
    ['GET', '/stories/russia-ukraine-standoff/revisions', asReporter, 200],
    ['GET', '/changes', asReporter, 200],
    ['GET', '/me', asReporter, 200],
    ['GET', '/health', {}, 200],
    ['GET', '/stories', {}, 401],
    ['GET', '/stories/no-such-story', asReporter, 404],
    ['POST', '/stories', asReporter, 403],
  ] as const)('%s %s (%j) → %i: nosniff and private, no-store', async (method, path, headers, status) => {
    const response = await (method === 'GET' ? test.http.get(path) : test.http.post(path).send({})).set(headers).expect(status);
    expect(response.headers['x-content-type-options']).toBe('nosniff');
    expect(response.headers['cache-control']).toBe('private, no-store');
  });

  it('lets a write answer be stored by no one', async () => {
    const response = await test.http.post('/stories').set(asEditor).send({ slug: 'cache-check', headline: 'x' }).expect(201);
    expect(response.headers['cache-control']).toBe('private, no-store');
    expect(response.headers['x-content-type-options']).toBe('nosniff');
  });

  it('lets the browser keep a story but revalidate it every time: private, no-cache, and If-None-Match still answers 304', async () => {
    const first = await test.http.get('/stories/russia-ukraine-standoff').set(asReporter).expect(200);
    expect(first.headers['cache-control']).toBe('private, no-cache');
    expect(first.headers['x-content-type-options']).toBe('nosniff');
    const again = await test.http.get('/stories/russia-ukraine-standoff').set(asReporter).set('If-None-Match', first.headers['etag']!).expect(304);
    expect(again.headers['cache-control']).toBe('private, no-cache');
    expect(again.text).toBe('');
  });
});
