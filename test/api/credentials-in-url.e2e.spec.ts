import { Writable } from 'node:stream';
import { asReporter, openStory, startTestApp, type TestApp } from '../support/test-app';

const TOKEN = 'reporter-token-0123456789';

/** A token is taken from the Authorization header only; one in a URL is refused, never echoed and never logged. */
describe('tokens in URLs', () => {
  let test: TestApp;
  const logged: string[] = [];
  beforeAll(async () => {
    const logTo = new Writable({
      write(chunk: Buffer, _encoding, done) {
        logged.push(chunk.toString('utf8'));
        done();
      },
    });
    test = await startTestApp({ env: { LOG_LEVEL: 'info' }, logTo });
    await openStory(test);
  });
  afterAll(() => test.close());

  it.each([`/stories?access_token=${TOKEN}`, `/stories/russia-ukraine-standoff?token=${TOKEN}&revision=1`, `/health?ACCESS_TOKEN=${TOKEN}`, `/stories?access%5Ftoken=${TOKEN}`])(
    'refuses %s with 400 TokenInUrl, with or without a good Authorization header, echoing nothing of the query',
    async (url) => {
      for (const request of [test.http.get(url), test.http.get(url).set(asReporter)]) {
        const response = await request.expect(400);
        expect(response.headers['content-type']).toMatch(/^application\/problem\+json/);
        expect(response.body).toMatchObject({ code: 'TokenInUrl', instance: url.split('?')[0] });
        expect(response.text).not.toContain(TOKEN);
      }
    },
  );

  it('never puts a token from a URL in the log, while still logging the request', async () => {
    await test.http.get(`/stories?access_token=${TOKEN}&q=kept`).expect(400);
    await test.http.get(`/nowhere?token=${TOKEN}`).expect(400);
    await new Promise((resolve) => setImmediate(resolve));
    const lines = logged.join('');
    expect(lines).toContain('access_token=[redacted]');
    expect(lines).toContain('q=kept');
    expect(lines).not.toContain(TOKEN);
  });

  it('keeps the 401 of a request without a token free of its query string', async () => {
    const response = await test.http.get('/stories?q=macron').expect(401);
    expect(response.body).toMatchObject({ code: 'Unauthenticated', instance: '/stories' });
  });
});
