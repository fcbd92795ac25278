import { mkdirSync } from 'node:fs';
import { chromium, type Browser, type BrowserContext } from 'playwright-core';
import { asEditor, openStory, recordDevelopment, startTestApp, type TestApp } from '../support/test-app';
import { CHROMIUM, chromiumPresent, describeInBrowser, LAUNCH_ARGS, screenshot, SCREENSHOTS, STEP_TIMEOUT_MS, watchErrors } from './browser-support';

const STORY = 'baltic-reinforcements';
const MARKUP = 'markup-in-notes';

/**
 * The reader's page in a real browser with JavaScript turned off: it reads whole, its one inline style
 * applies under its Content-Security-Policy (Chromium reports a refused style as a console error), and
 * text an editor wrote as markup stays text.
 */
describeInBrowser('the reader’s page in a browser, without JavaScript', () => {
  jest.setTimeout(60_000);
  let test: TestApp;
  let base: string;
  let browser: Browser;
  let context: BrowserContext;

  beforeAll(async () => {
    if (!chromiumPresent) throw new Error(`${CHROMIUM} is missing: install it (apt-get install -y chromium); .ci/run does`);
    mkdirSync(SCREENSHOTS, { recursive: true });
    test = await startTestApp();
    await openStory(test, STORY, { headline: 'NATO sends more troops to Estonia', summary: 'Allies reinforce the Baltics as talks go on in Moscow' });
    const deployment = await recordDevelopment(test, STORY, { type: 'deployment', force: 'British', count: 350, destination: 'Estonia', occurredAt: '2022-02-06' });
    const meeting = await recordDevelopment(test, STORY, { type: 'meeting-scheduled', participants: ['Emmanuel Macron', 'Vladimir Putin'], location: 'Moscow', scheduledFor: '2022-02-07' });
    await test.http.post(`/stories/${STORY}/publish`).set(asEditor).send({}).expect(201);
    await test.http.post(`/stories/${STORY}/developments/${deployment}/corrections`).set(asEditor).send({ changes: { count: 900 }, reason: 'The Ministry of Defence says 900' }).expect(201);
    await recordDevelopment(test, STORY, { type: 'meeting-held', meetingId: meeting, outcome: 'Talks lasted more than five hours' });
    await openStory(test, MARKUP, { headline: '<i>Tanks</i> & "troops"' });
    await test.http.post(`/stories/${MARKUP}/publish`).set(asEditor).send({}).expect(201);
    await recordDevelopment(test, MARKUP, { type: 'note', text: '<img src=x onerror="document.title=\'owned\'"><b>Bold</b> claim' });
    await test.app.listen({ port: 0, host: '127.0.0.1' });
    base = await test.app.getUrl();
    browser = await chromium.launch({ executablePath: CHROMIUM, args: LAUNCH_ARGS });
    context = await browser.newContext({ javaScriptEnabled: false, viewport: { width: 900, height: 1100 } });
    context.setDefaultTimeout(STEP_TIMEOUT_MS);
  }, 60_000);

  afterAll(async () => {
    await browser?.close();
    await test?.close();
  });

  it('reads whole and styled, with no error', async () => {
    const page = await context.newPage();
    const errors = watchErrors(page);
    await page.goto(`${base}/public/stories/${STORY}`);
    expect(await page.title()).toBe('NATO sends more troops to Estonia · Story Tracker newsroom');
    expect(await page.locator('h1').textContent()).toBe('NATO sends more troops to Estonia');
    expect(await page.locator('section').first().textContent()).toContain('6 February 2022: 900 British troops were sent to Estonia.');
    expect(await page.locator('.change p').allTextContents()).toEqual([
      'Update: A meeting between Macron and Putin was held in Moscow (outcome: Talks lasted more than five hours).',
      'Correction: An earlier version of this story said 350 British troops were sent to Estonia. It should have said 900 British troops were sent to Estonia. The Ministry of Defence says 900.',
    ]);
    // The inline style applied: Chromium would have refused it, and said so, had its hash not matched.
    expect(await page.evaluate<string>('getComputedStyle(document.body).fontFamily')).toContain('Georgia');
    expect(errors).toEqual([]);
    await screenshot(page, 'reader-page.png', { fullPage: true });
    await page.close();
  });

  it('shows what an editor wrote as markup as text', async () => {
    const page = await context.newPage();
    const errors = watchErrors(page);
    await page.goto(`${base}/public/stories/${MARKUP}`);
    expect(await page.title()).toBe('<i>Tanks</i> & "troops" · Story Tracker newsroom');
    expect(await page.locator('.change p').allTextContents()).toEqual([`Update: <img src=x onerror="document.title='owned'"><b>Bold</b> claim.`]);
    expect(await page.locator('img, b, i, script').count()).toBe(0);
    expect(errors).toEqual([]);
    await page.close();
  });
});
