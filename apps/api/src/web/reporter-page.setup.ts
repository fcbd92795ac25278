import { existsSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { Logger } from '@nestjs/common';
import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import type { FastifyReply } from 'fastify';

/**
 * The reporter's page: plain HTML, CSS and JavaScript modules in `apps/api/web/`, served as they are
 * (nothing to build) from the API's own port. Each file gets its own route (`wildcard: false`), so
 * the page never shadows an API route, and an unknown path still gets the API's 404 problem document.
 * No token is needed to load the page; it asks for one and sends it on every API call itself.
 */
export function setupReporterPage(app: NestFastifyApplication): void {
  const root = findWebRoot(__dirname);
  if (!root) {
    new Logger('ReporterPage').warn('apps/api/web was not found next to the app; the reporter page is not served');
    return;
  }
  app.useStaticAssets({
    root,
    prefix: '/',
    wildcard: false,
    index: ['index.html'],
    decorateReply: false,
    // @fastify/static 10 passes the Fastify reply (Nest's types still describe the older response).
    setHeaders: (response: unknown) => {
      const reply = response as Pick<FastifyReply, 'header'>;
      for (const [name, value] of Object.entries(PAGE_HEADERS)) void reply.header(name, value);
    },
  });
}

/**
 * Only our own files, no inline script or style, no third party: text from the server can never run
 * as code even if an escaping mistake slipped through.
 */
export const CONTENT_SECURITY_POLICY = [
  "default-src 'self'",
  "script-src 'self'",
  "style-src 'self'",
  "img-src 'self' data:",
  "connect-src 'self'",
  "object-src 'none'",
  "base-uri 'none'",
  "form-action 'self'",
  "frame-ancestors 'none'",
].join('; ');

const PAGE_HEADERS = {
  'content-security-policy': CONTENT_SECURITY_POLICY,
  'x-content-type-options': 'nosniff',
  'referrer-policy': 'no-referrer',
  // The files change with the code; the browser revalidates them (ETag) instead of guessing.
  'cache-control': 'no-cache',
};

/**
 * `apps/api/web` seen from this file, whether it runs from the sources (apps/api/src/web) or from the
 * build (dist/apps/api/src/web): the nearest folder above that holds `apps/api/web/index.html`.
 */
export function findWebRoot(from: string): string | undefined {
  for (let folder = from; ; folder = dirname(folder)) {
    const candidate = join(folder, 'apps', 'api', 'web');
    if (existsSync(join(candidate, 'index.html'))) return candidate;
    if (dirname(folder) === folder) return undefined;
  }
}
