import { rawRequest, type RawResponse } from '../support/raw-http';
import { asEditor, asReporter, openStory, startTestApp, type TestApp } from '../support/test-app';

/** Errors that Node's HTTP parser, Fastify's router or its body handling raise before Nest sees the request. */
describe('every error is a problem document', () => {
  let test: TestApp;
  let port: number;
  beforeAll(async () => {
    test = await startTestApp();
    await test.app.listen({ port: 0, host: '127.0.0.1' });
    port = Number(new URL(await test.app.getUrl()).port);
    await openStory(test);
  });
  afterAll(() => test.close());

  const raw = (method: string, path: string, extra: { headers?: Record<string, string>; body?: string } = {}) =>
    rawRequest(port, { method, path, headers: { authorization: asReporter.Authorization, ...extra.headers }, ...(extra.body !== undefined && { body: extra.body }) });
  function expectProblem(response: RawResponse, status: number, code: string): Record<string, unknown> {
    expect(response.status).toBe(status);
    expect(response.headers['content-type']).toBe('application/problem+json; charset=utf-8');
    expect(response.headers['x-content-type-options']).toBe('nosniff');
    expect(response.headers['cache-control']).toBe('private, no-store');
    const problem = JSON.parse(response.body) as Record<string, unknown>;
    expect(problem).toMatchObject({ status, code, type: expect.stringMatching(/^\/problems\//), title: expect.any(String), detail: expect.any(String) });
    expect(problem).not.toHaveProperty('statusCode');
    return problem;
  }

  it('answers a path segment longer than any id with 404, as for any story that does not exist', async () => {
    expectProblem(await raw('GET', `/stories/${'a'.repeat(150)}`), 404, 'RouteNotFound');
  });

  it('answers headers over 16 KiB with 431 HeadersTooLarge (written by our clientError handler, as Node parses no further)', async () => {
    expectProblem(await raw('GET', '/stories', { headers: { 'x-padding': 'p'.repeat(20_000) } }), 431, 'HeadersTooLarge');
    expectProblem(await raw('GET', `/stories?q=${'q'.repeat(20_000)}`), 431, 'HeadersTooLarge');
  });

  it('answers a body over 1 MiB with 413 and a body of another media type with 415', async () => {
    const headers = { authorization: asEditor.Authorization, 'content-type': 'application/json' };
    expectProblem(await raw('POST', '/stories', { headers, body: JSON.stringify({ slug: 'big-one', headline: 'h'.repeat(1024 * 1024) }) }), 413, 'PayloadTooLarge');
    expectProblem(await raw('POST', '/stories', { headers: { ...headers, 'content-type': 'application/xml' }, body: '<story/>' }), 415, 'UnsupportedMediaType');
    expect(await test.eventCount()).toBe(1);
  });

  it('answers broken percent-encoding in the path or the query with 400 MalformedUrl, echoing nothing of it', async () => {
    const path = expectProblem(await raw('GET', '/stories/%E0%A4%A'), 400, 'MalformedUrl');
    expect(path).not.toHaveProperty('instance');
    const query = expectProblem(await raw('GET', '/stories?q=%E0%A4%A'), 400, 'MalformedUrl');
    expect(query['instance']).toBe('/stories');
  });

  it.each([
    ['PUT', '/stories', 'GET, HEAD, POST'],
    ['DELETE', '/stories/russia-ukraine-standoff', 'GET, HEAD, PATCH'],
    ['OPTIONS', '/health', 'GET, HEAD'],
    ['GET', '/stories/russia-ukraine-standoff/publish', 'POST'],
    ['FOO', '/stories', 'GET, HEAD, POST'],
    ['CONNECT', '/changes', 'GET, HEAD'],
  ])('answers %s %s with 405 and Allow: %s', async (method, path, allow) => {
    const response = await raw(method, path);
    expect(expectProblem(response, 405, 'MethodNotAllowed')).toMatchObject({ instance: path, allow: allow.split(', ') });
    expect(response.headers['allow']).toBe(allow);
  });

  it('answers an unknown path with 404 whatever the method, without echoing the query', async () => {
    const problem = expectProblem(await raw('GET', '/nowhere?secret-ish=1'), 404, 'RouteNotFound');
    expect(JSON.stringify(problem)).not.toContain('secret-ish');
    expectProblem(await raw('PUT', '/nowhere'), 404, 'RouteNotFound');
    expectProblem(await raw('FOO', '/nowhere'), 404, 'RouteNotFound');
  });

  it('answers a range beyond a page file with 416 RangeNotSatisfiable (was a 500), naming no file', async () => {
    for (const range of ['bytes=99999999-', 'bytes=abc']) {
      const problem = expectProblem(await raw('GET', '/index.html', { headers: { range } }), 416, 'RangeNotSatisfiable');
      expect(JSON.stringify(problem)).not.toMatch(/apps\/api\/web/);
    }
  });

  it('answers what is not HTTP at all with 400 MalformedRequest', async () => {
    const response = await rawRequest(port, { method: 'GET', path: '/stories', rawHeaderLines: [Buffer.from('bad header line without colon')] });
    expectProblem(response, 400, 'MalformedRequest');
  });
});
