import { existsSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import type { Browser, BrowserContext, Page } from 'playwright-core';

/** What the browser specs share: where Chromium is, how to start it, screenshots, console errors. */

/** Debian's Chromium (`apt-get install chromium`); CHROMIUM_PATH points elsewhere if need be. */
export const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
export const LAUNCH_ARGS = ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run'];
/** A step that waits longer than this has failed; well inside jest's own timeout, so the error says which step. */
export const STEP_TIMEOUT_MS = 10_000;
/** UPDATE_SCREENSHOTS=1 writes them into docs/screenshots; otherwise into a temporary folder (they are taken either way). */
export const SCREENSHOTS = process.env.UPDATE_SCREENSHOTS ? resolve(__dirname, '../../docs/screenshots') : mkdtempSync(join(tmpdir(), 'story-tracker-screenshots-'));

export const chromiumPresent = existsSync(CHROMIUM);
// Skipped only on a developer machine without Chromium; in CI a missing browser fails the run.
export const describeInBrowser = chromiumPresent || process.env.CI ? describe : describe.skip;
if (!chromiumPresent && !process.env.CI) {
  process.stderr.write(`Skipping the browser tests: ${CHROMIUM} is missing (apt-get install chromium). In CI (CI set) they run and fail without it.\n`);
}

/** A screenshot without the passing notices, which are not part of the view. */
export async function screenshot(page: Page, name: string, options: { fullPage?: boolean; height?: number; element?: ReturnType<Page['locator']> } = {}): Promise<void> {
  await page.evaluate("document.querySelectorAll('.toast').forEach((toast) => toast.remove())");
  const path = join(SCREENSHOTS, name);
  if (options.element) await options.element.screenshot({ path });
  else if (options.height) await page.screenshot({ path, fullPage: true, clip: { x: 0, y: 0, width: page.viewportSize()!.width, height: options.height } });
  else await page.screenshot({ path, fullPage: options.fullPage ?? false });
}

/** Console errors and uncaught exceptions of a page. */
export function watchErrors(page: Page): string[] {
  const errors: string[] = [];
  page.on('console', (message) => {
    // A failed request's message does not name the request: its location does.
    const { url } = message.location();
    if (message.type() === 'error') errors.push(`console: ${message.text()}${url ? ` (${url})` : ''}`);
  });
  page.on('pageerror', (error) => errors.push(`page error: ${error.message}`));
  return errors;
}

/**
 * The errors left once the deliberate failed requests are taken out: Chromium logs every 4xx answer
 * as a console error, so a test that provokes `count` answers of `status` allows exactly those.
 */
export function withoutDeliberate(errors: readonly string[], allowed: Readonly<Record<number, number>>): string[] {
  const left = { ...allowed };
  return errors.filter((error) => {
    const status = /the server responded with a status of (\d{3})/.exec(error)?.[1];
    if (status && (left[Number(status)] ?? 0) > 0) {
      left[Number(status)]! -= 1;
      return false;
    }
    return true;
  });
}

/** Every write a page sends to the API (method, path, If-Match), to check what the page based it on. */
export interface SentWrite {
  readonly method: string;
  readonly path: string;
  readonly ifMatch: string | undefined;
}

export function watchWrites(page: Page): SentWrite[] {
  const writes: SentWrite[] = [];
  page.on('request', (request) => {
    if (request.method() === 'GET') return;
    const path = new URL(request.url()).pathname;
    if (path.startsWith('/stories')) writes.push({ method: request.method(), path, ifMatch: request.headers()['if-match'] });
  });
  return writes;
}

/** A new browser context at a desktop size, a page in it signed in with `token` (sessionStorage, as the page keeps it). */
export async function signedInPage(browser: Browser, base: string, token: string, viewport = { width: 1280, height: 900 }): Promise<{ context: BrowserContext; page: Page; errors: string[]; writes: SentWrite[] }> {
  const context = await browser.newContext({ viewport });
  context.setDefaultTimeout(STEP_TIMEOUT_MS);
  await context.addInitScript(`sessionStorage.setItem('story-tracker.token', ${JSON.stringify(token)})`);
  const page = await context.newPage();
  const errors = watchErrors(page);
  const writes = watchWrites(page);
  await page.goto(`${base}/`);
  await page.locator('.masthead__who').waitFor();
  return { context, page, errors, writes };
}
