import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { asReporter, startTestApp, type TestApp } from '../support/test-app';

const WEB_ROOT = join(__dirname, '../../apps/api/web');

function filesUnder(folder: string): string[] {
  return readdirSync(folder).flatMap((name) => {
    const path = join(folder, name);
    return statSync(path).isDirectory() ? filesUnder(path) : [path];
  });
}

const CONTENT_TYPES: Record<string, RegExp> = {
  '.html': /^text\/html/,
  '.js': /^(application|text)\/javascript/,
  '.css': /^text\/css/,
  '.svg': /^image\/svg\+xml/,
};

describe('the reporter page is served from the API port', () => {
  let test: TestApp;
  beforeAll(async () => {
    test = await startTestApp();
  });
  afterAll(() => test.close());

  it('serves the page at / without a token, with a strict content security policy', async () => {
    const page = await test.http.get('/').expect(200);
    expect(page.headers['content-type']).toMatch(/^text\/html/);
    expect(page.headers['content-security-policy']).toContain("default-src 'self'");
    expect(page.headers['content-security-policy']).toContain("script-src 'self'");
    expect(page.headers['x-content-type-options']).toBe('nosniff');
    expect(page.text).toContain('<script type="module" src="/js/main.js"></script>');
  });

  it.each(filesUnder(WEB_ROOT).map((file) => `/${relative(WEB_ROOT, file)}`))('serves %s with its content type', async (path) => {
    const response = await test.http.get(path).expect(200);
    expect(response.headers['content-type']).toMatch(CONTENT_TYPES[path.slice(path.lastIndexOf('.'))]!);
  });

  it('leaves the API, the OpenAPI page and unknown paths as they were', async () => {
    await test.http.get('/docs').redirects(1).expect(200);
    await test.http.get('/docs-json').expect(200);
    await test.http.get('/health').expect(200);
    const stories = await test.http.get('/stories').expect(401);
    expect(stories.body.code).toBe('Unauthenticated');
    const unknown = await test.http.get('/no-such-page.js').expect(404);
    expect(unknown.body.code).toBe('RouteNotFound');
    await test.http.get('/../package.json').expect(404);
    await test.http.get('/js/../../src/main.ts').expect(404);
  });

  it('GET /me tells the page who the token belongs to', async () => {
    await test.http.get('/me').expect(401);
    const me = await test.http.get('/me').set(asReporter).expect(200);
    expect(me.body).toEqual({ actor: 'rita', roles: ['reporter'] });
  });
});

describe('the page source keeps server text out of markup', () => {
  const sources = filesUnder(WEB_ROOT);

  it.each(sources.filter((file) => file.endsWith('.js')).map((file) => relative(WEB_ROOT, file)))('%s builds the page with text nodes only', (file) => {
    const source = readFileSync(join(WEB_ROOT, file), 'utf8');
    expect(source).not.toMatch(/\.(innerHTML|outerHTML)\b|insertAdjacentHTML|document\.write|\beval\(|new Function\(/);
  });

  it('index.html has no inline script, style or event handler (the policy would block them)', () => {
    const html = readFileSync(join(WEB_ROOT, 'index.html'), 'utf8');
    expect(html).not.toMatch(/<script(?![^>]*\bsrc=)[^>]*>/);
    expect(html).not.toMatch(/\sstyle=|<style|\son[a-z]+=/i);
    expect(html).not.toMatch(/https?:\/\//);
  });
});
