import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { DEVELOPMENT_EVENT_TYPES } from '@story-tracker/domain';
import { PROBLEM_STATUS } from '../../apps/api/src/errors/problem-status.table';
import { startTestApp, type TestApp } from '../support/test-app';

/**
 * Keeps docs/api.md honest against the server: every route of the OpenAPI document has its section
 * (a heading "### `METHOD /path`") and no section names a route the server does not have; the table
 * of problem codes has every code of the status table with its status; every development type is
 * described; every link inside the reference reaches a heading; the README points at it.
 */
const ROOT = join(__dirname, '..', '..');
const reference = readFileSync(join(ROOT, 'docs', 'api.md'), 'utf8');

/** The endpoint sections: "### `GET /stories/{id}`" → "GET /stories/{id}". */
function documentedRoutes(text: string): string[] {
  return [...text.matchAll(/^### `([A-Z]+) (\/[^`]*)`/gm)].map(([, method, path]) => `${method} ${path}`);
}

/** The text of the section under a heading, up to the next heading of the same or a higher level. */
function section(text: string, heading: string): string {
  const start = text.indexOf(`${heading}\n`);
  if (start === -1) throw new Error(`docs/api.md has no heading ${heading}`);
  const level = /^#+/.exec(heading)![0].length;
  const rest = text.slice(start + heading.length);
  const end = rest.search(new RegExp(`^#{1,${level}} `, 'm'));
  return end === -1 ? rest : rest.slice(0, end);
}

/** GitHub's anchor for a heading: lower case, punctuation dropped, spaces as hyphens. */
function anchorOf(heading: string): string {
  return heading
    .toLowerCase()
    .replace(/[^\p{L}\p{N} _-]/gu, '')
    .replace(/ /g, '-');
}

/** The text outside fenced code blocks, where headings and links live. */
const prose = reference.replace(/^```[^\n]*\n[\s\S]*?^```$/gm, '');

describe('the API reference, docs/api.md', () => {
  let test: TestApp;
  let routes: string[];
  beforeAll(async () => {
    test = await startTestApp();
    const document = (await test.http.get('/docs-json').expect(200)).body as { paths: Record<string, Record<string, unknown>> };
    routes = Object.entries(document.paths).flatMap(([path, methods]) => Object.keys(methods).map((method) => `${method.toUpperCase()} ${path}`));
  });
  afterAll(() => test.close());

  it('has one section for every route of the OpenAPI document, and none for a route the server lacks', () => {
    const documented = documentedRoutes(prose);
    expect(routes.length).toBeGreaterThan(15);
    expect([...documented].sort()).toEqual([...routes].sort());
  });

  it('lists every problem code with the status the server gives it, and no other', () => {
    const rows = [...section(reference, '### Every problem code').matchAll(/^\| `(\w+)` \| (\d{3}) \|/gm)].map(([, code, status]) => [code, Number(status)]);
    const expected = [...Object.entries(PROBLEM_STATUS).map(([code, { status }]) => [code, status]), ['InternalError', 500]];
    expect(Object.fromEntries(rows)).toEqual(Object.fromEntries(expected));
    expect(rows).toHaveLength(expected.length);
  });

  it('describes every development type, with the event type it is stored as', () => {
    const developments = section(reference, '## Developments');
    for (const [type, eventType] of Object.entries(DEVELOPMENT_EVENT_TYPES)) {
      expect({ type, described: developments.includes(`\n#### ${type}\n`), stored: developments.includes(`| \`${type}\` | \`${eventType}\` |`) }).toEqual({
        type,
        described: true,
        stored: true,
      });
    }
  });

  it('links only to headings it has', () => {
    const anchors = new Set([...prose.matchAll(/^#{1,6} (.+)$/gm)].map(([, heading]) => anchorOf(heading!)));
    const links = [...prose.matchAll(/\]\(#([^)]+)\)/g)].map(([, anchor]) => anchor!);
    expect(links.length).toBeGreaterThan(30);
    expect(links.filter((anchor) => !anchors.has(anchor))).toEqual([]);
  });

  it('is what the README points to, instead of a contract outside the repository', () => {
    const readme = readFileSync(join(ROOT, 'README.md'), 'utf8');
    expect(readme).toContain('](docs/api.md)');
    expect(readme).not.toContain('../shared/');
    expect(reference).not.toContain('../shared/');
  });
});
