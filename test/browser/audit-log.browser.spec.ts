import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { chromium, type Browser, type BrowserContext, type Page } from 'playwright-core';
import { openStory, recordDevelopment, startTestApp, TOKENS, troops, type TestApp } from '../support/test-app';
import { CHROMIUM, chromiumPresent, describeInBrowser, LAUNCH_ARGS, screenshot, SCREENSHOTS, STEP_TIMEOUT_MS, watchErrors, withoutDeliberate } from './browser-support';

/**
 * The audit screen's verifiable log in a real browser against the real app on SQLite: the first visit
 * keeps the checkpoint, a later one proves nothing before it changed and keeps the new one, and after
 * events are deleted behind the server's back (the app stopped, the SQLite file edited, the app started
 * again on the same DATA_DIR and port, so the browser's localStorage is the same) the visit raises the
 * alarm and keeps the old checkpoint as evidence. Also: a consistency proof that fails in the browser, a
 * kept checkpoint the server did not sign (422), a browser without Ed25519, and a reporter. One browser
 * context is the auditor's browser that comes back; the others are fresh ones.
 */

interface Kept {
  checkpoint: string;
  keptAt: string;
}

const LAST_VISIT = /\(\d+ events?, \d{1,2} [A-Z][a-z]{2} \d{4}, \d{2}:\d{2} UTC\)/;

describeInBrowser('the audit screen’s verifiable log in a browser', () => {
  jest.setTimeout(60_000);
  let test: TestApp;
  let base: string;
  let port: number;
  let browser: Browser;
  let context: BrowserContext;

  beforeAll(async () => {
    if (!chromiumPresent) throw new Error(`${CHROMIUM} is missing: install it (apt-get install -y chromium); .ci/run does`);
    mkdirSync(SCREENSHOTS, { recursive: true });
    test = await startTestApp({ store: 'sqlite' });
    await openStory(test, 'russia-ukraine-standoff');
    await openStory(test, 'macron-putin-talks');
    for (const count of [92000, 95000]) {
      await recordDevelopment(test, 'russia-ukraine-standoff', troops(count));
      await recordDevelopment(test, 'macron-putin-talks', troops(count + 1));
    }
    await test.app.listen({ port: 0, host: '127.0.0.1' });
    base = await test.app.getUrl();
    port = Number(new URL(base).port);
    browser = await chromium.launch({ executablePath: CHROMIUM, args: LAUNCH_ARGS });
    context = await browser.newContext({ viewport: { width: 1280, height: 900 } });
    context.setDefaultTimeout(STEP_TIMEOUT_MS);
    await context.addInitScript(`sessionStorage.setItem('story-tracker.token', ${JSON.stringify(TOKENS.auditor)})`);
  }, 60_000);

  afterAll(async () => {
    await browser?.close();
    await test?.close();
  });

  async function checkpoint(): Promise<{ origin: string; treeSize: number; rootHash: string; checkpoint: string }> {
    return (await test.http.get('/log/checkpoint').set('Accept', 'application/json').expect(200)).body;
  }

  /** The log's tree is fed by the store's subscription: wait until it has every event. */
  async function logHasEveryEvent(): Promise<number> {
    const events = await test.eventCount();
    const deadline = Date.now() + STEP_TIMEOUT_MS;
    while ((await checkpoint()).treeSize !== events) {
      if (Date.now() > deadline) throw new Error(`The log's tree did not reach ${events} events`);
      await new Promise((resolve) => setTimeout(resolve, 20));
    }
    return events;
  }

  /** A visit to the audit screen, once it has finished checking. */
  async function visit(): Promise<{ page: Page; errors: string[] }> {
    const page = await context.newPage();
    const errors = watchErrors(page);
    await page.goto(`${base}/#/audit`);
    await page.locator('.log-panel[aria-busy="false"]').waitFor();
    return { page, errors };
  }

  async function kept(page: Page, origin: string): Promise<Kept | null> {
    const raw = await page.evaluate((key) => localStorage.getItem(key), `story-tracker.last-checkpoint:${origin}`);
    return raw === null ? null : (JSON.parse(raw) as Kept);
  }

  const outcome = (page: Page) => page.locator('.log-panel__outcome');

  it('on the first visit shows the log’s size, root, name and key, checks the signature in the browser and keeps the checkpoint', async () => {
    const size = await logHasEveryEvent();
    const head = await checkpoint();
    const key = (await test.http.get('/log/key').expect(200)).body;
    const { page, errors } = await visit();
    await expect(page.getByRole('heading', { name: 'Audit', level: 1 }).count()).resolves.toBe(1);
    await expect(page.getByRole('link', { name: 'Audit' }).getAttribute('href')).resolves.toBe('#/audit');
    await expect(page.locator('.log-panel__size').textContent()).resolves.toBe(`${size} events recorded in the log`);
    const root = page.locator('.log-panel__root');
    await expect(root.getAttribute('title')).resolves.toBe(head.rootHash);
    await expect(root.textContent()).resolves.toBe(`${head.rootHash.slice(0, 10)}…${head.rootHash.slice(-4)}`);
    await expect(page.locator('.log-panel__origin').textContent()).resolves.toBe(head.origin);
    await expect(page.locator('.log-panel__key').textContent()).resolves.toBe(key.keyId);
    await expect(page.locator('.log-panel__signature').textContent()).resolves.toBe('✓ Signature checked in your browser with the log’s public key.');
    await expect(outcome(page).textContent()).resolves.toBe('This browser now keeps today’s checkpoint; next time it will check that nothing before it changed.');
    await expect(page.locator('.log-panel__checkpoint').textContent()).resolves.toBe(head.checkpoint);
    expect(await kept(page, head.origin)).toEqual({ checkpoint: head.checkpoint, keptAt: expect.stringMatching(/^\d{4}-\d{2}-\d{2}T/) });
    await screenshot(page, 'audit-log-first-visit.png');
    expect(errors).toEqual([]);
    await page.close();
  });

  it('without Ed25519 in the browser, says the signature was not checked there and still keeps the checkpoint', async () => {
    const fresh = await browser.newContext({ viewport: { width: 1280, height: 900 } });
    fresh.setDefaultTimeout(STEP_TIMEOUT_MS);
    await fresh.addInitScript(`sessionStorage.setItem('story-tracker.token', ${JSON.stringify(TOKENS.auditor)})`);
    // As a browser without Ed25519 in WebCrypto answers.
    await fresh.addInitScript(`{
      const importKey = crypto.subtle.importKey.bind(crypto.subtle);
      crypto.subtle.importKey = (format, key, algorithm, ...rest) => algorithm?.name === 'Ed25519'
        ? Promise.reject(new DOMException('Unrecognized name.', 'NotSupportedError'))
        : importKey(format, key, algorithm, ...rest);
    }`);
    const page = await fresh.newPage();
    const errors = watchErrors(page);
    await page.goto(`${base}/#/audit`);
    await page.locator('.log-panel[aria-busy="false"]').waitFor();
    await expect(page.locator('.log-panel__signature').textContent()).resolves.toBe(
      'The signature was not checked in your browser: this browser cannot check Ed25519 signatures (NotSupportedError). The server checks it when it compares checkpoints.',
    );
    await expect(outcome(page).textContent()).resolves.toBe('This browser now keeps today’s checkpoint; next time it will check that nothing before it changed.');
    expect((await kept(page, (await checkpoint()).origin))?.checkpoint).toBe((await checkpoint()).checkpoint);
    expect(errors).toEqual([]);
    await fresh.close();
  });

  it('shows a reporter the log but keeps nothing: comparing is an auditor’s', async () => {
    const fresh = await browser.newContext({ viewport: { width: 1280, height: 900 } });
    fresh.setDefaultTimeout(STEP_TIMEOUT_MS);
    await fresh.addInitScript(`sessionStorage.setItem('story-tracker.token', ${JSON.stringify(TOKENS.reporter)})`);
    const page = await fresh.newPage();
    const errors = watchErrors(page);
    await page.goto(`${base}/#/audit`);
    await page.locator('.log-panel[aria-busy="false"]').waitFor();
    await expect(page.getByRole('link', { name: 'Audit' }).count()).resolves.toBe(0);
    await expect(page.locator('.log-panel__size').textContent()).resolves.toMatch(/^\d+ events recorded in the log$/);
    await expect(outcome(page).textContent()).resolves.toBe('Only an auditor can have the server compare today’s log with the checkpoint this browser kept.');
    await expect(page.evaluate('localStorage.length')).resolves.toBe(0);
    expect(errors).toEqual([]);
    await fresh.close();
  });

  it('after a new development, says nothing before the last visit changed (proven in the browser too) and keeps the new checkpoint', async () => {
    const before = await checkpoint();
    await recordDevelopment(test, 'macron-putin-talks', troops(100001));
    const size = await logHasEveryEvent();
    const { page, errors } = await visit();
    await expect(page.locator('.log-panel__size').textContent()).resolves.toBe(`${size} events recorded in the log`);
    const said = (await outcome(page).textContent())!;
    expect(said).toMatch(new RegExp(`^Nothing recorded before your last visit \\(${before.treeSize} events, .+\\) has been changed or removed since\\. 1 event has been recorded since\\.$`));
    expect(said).toMatch(LAST_VISIT);
    await expect(outcome(page).getByRole('alert').count()).resolves.toBe(0);
    await expect(page.locator('.log-panel .section-hint').last().textContent()).resolves.toContain('and in your browser with the proof');
    expect((await kept(page, before.origin))?.checkpoint).toBe((await checkpoint()).checkpoint);
    await screenshot(page, 'audit-log-unchanged.png');
    expect(errors).toEqual([]);
    await page.close();
  });

  it('does not keep the new checkpoint when the consistency proof the server sends fails in the browser', async () => {
    const { origin } = await checkpoint();
    await recordDevelopment(test, 'russia-ukraine-standoff', troops(100000));
    await logHasEveryEvent();
    const page = await context.newPage();
    const errors = watchErrors(page);
    await page.route((url) => url.pathname === '/log/proofs/consistency', async (route) => {
      const proof = await (await route.fetch()).json();
      const bad = Buffer.alloc(32, 9).toString('base64');
      await route.fulfill({ json: { ...proof, hashes: proof.hashes.map(() => bad) } });
    });
    await page.goto(`${base}/#/audit`);
    await page.locator('.log-panel[aria-busy="false"]').waitFor();
    const before = await kept(page, origin);
    await expect(outcome(page).getByRole('alert').textContent()).resolves.toMatch(/^Warning: the server says today’s log extends the one of your last visit, but the proof it sent does not hold when your browser checks it\./);
    expect(await kept(page, origin)).toEqual(before);
    expect(errors).toEqual([]);
    await page.close();
  });

  it('after the newest events are deleted from the store, raises the alarm and keeps the old checkpoint as evidence', async () => {
    const { origin } = await checkpoint();
    const probe = await context.newPage();
    await probe.goto(`${base}/favicon.svg`);
    const evidence = (await kept(probe, origin))!;
    await probe.close();
    const keptSize = Number(evidence.checkpoint.split('\n')[1]);

    await test.close();
    const db = new Database(join(test.dataDir, 'events.sqlite'));
    try {
      db.exec(`DELETE FROM events WHERE global_position > ${keptSize - 2}`);
    } finally {
      db.close();
    }
    test = await startTestApp({ store: 'sqlite', dataDir: test.dataDir });
    await test.app.listen({ port, host: '127.0.0.1' });
    await logHasEveryEvent();

    const { page, errors } = await visit();
    await expect(page.locator('.log-panel__size').textContent()).resolves.toBe(`${keptSize - 2} events recorded in the log`);
    const alarm = outcome(page).getByRole('alert');
    const said = (await alarm.textContent())!;
    expect(said).toMatch(/^Warning: the log no longer contains what it contained when you last checked \(\d+ events, .+\)\./);
    expect(said).toContain(`(${keptSize} events, `);
    expect(said).toContain(`The checkpoint covers ${keptSize} events but the log holds only ${keptSize - 2}: events were removed.`);
    expect(said).toContain('This browser still keeps the checkpoint from your last visit as evidence.');
    await expect(alarm.getByRole('link', { name: 'Save the kept checkpoint as a file' }).getAttribute('download')).resolves.toBe(`kept-checkpoint-${keptSize}.txt`);
    expect(await kept(page, origin)).toEqual(evidence);
    await screenshot(page, 'audit-log-warning.png');
    expect(errors).toEqual([]);

    // The same visit again: the evidence is still what is compared, the alarm still raised.
    await page.reload();
    await page.locator('.log-panel[aria-busy="false"]').waitFor();
    await expect(outcome(page).getByRole('alert').textContent()).resolves.toMatch(/^Warning: the log no longer contains/);
    expect(await kept(page, origin)).toEqual(evidence);
    await page.close();
  });

  it('says so when the kept checkpoint was not signed by this server’s key (422), and leaves it as it was', async () => {
    const { origin, checkpoint: genuine } = await checkpoint();
    const lines = genuine.split('\n');
    const forged: Kept = { checkpoint: [lines[0], String(Number(lines[1]) - 1), ...lines.slice(2)].join('\n'), keptAt: '2022-02-07T09:10:00.000Z' };
    const { page, errors } = await visit();
    await page.evaluate(([key, value]) => localStorage.setItem(key!, value!), [`story-tracker.last-checkpoint:${origin}`, JSON.stringify(forged)]);
    await page.reload();
    await page.locator('.log-panel[aria-busy="false"]').waitFor();
    await expect(outcome(page).getByRole('alert').textContent()).resolves.toMatch(
      /^The checkpoint this browser kept was not signed by this server’s key \(key [0-9a-f]{8}\): either the log’s key has changed since your last visit \(\d+ events, 7 Feb 2022, 09:10 UTC\), or the kept checkpoint was altered\./,
    );
    expect(await kept(page, origin)).toEqual(forged);
    // Chromium logs the 422 answer; nothing else went wrong.
    expect(withoutDeliberate(errors, { 422: 1 })).toEqual([]);
    await page.close();
  });
});
