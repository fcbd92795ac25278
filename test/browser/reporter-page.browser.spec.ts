import { mkdirSync } from 'node:fs';
import { chromium, type Browser, type BrowserContext, type Page } from 'playwright-core';
import { seedDemoStory } from '../../apps/api/src/seed/demo-story.seeder';
import { asReporter, startTestApp, TOKENS, type TestApp } from '../support/test-app';
import { CHROMIUM, chromiumPresent, describeInBrowser, LAUNCH_ARGS, screenshot, SCREENSHOTS, STEP_TIMEOUT_MS, watchErrors, watchWrites } from './browser-support';

/**
 * The reporter's page in a real browser (Debian's Chromium driven by playwright-core) against the real
 * app with the demo story. Set UPDATE_SCREENSHOTS=1 to write the screenshots into docs/screenshots;
 * otherwise they go to a temporary folder (they are taken either way, so the views are exercised).
 * The editors' own screens (conflicts, opening, editing, publishing) are in editor-page.browser.spec.ts.
 */
const STORY = 'russia-ukraine-standoff';
/** The group of the diff that shows the estimate, found by what it says, not by the state's key for it. */
const ESTIMATE_GROUP = '[data-group="troopEstimates"][data-entry="Russia, near the Ukrainian border"]';
/** A record id (ULID) or a record time (ISO 8601) as the server writes them. */
const RECORD_ID = /\b[0-9A-HJKMNP-TV-Z]{26}\b/;
const RECORD_TIME = /\d{4}-\d{2}-\d{2}T\d{2}:\d{2}/;

describeInBrowser('the reporter page in a browser', () => {
  jest.setTimeout(60_000);
  let test: TestApp;
  let base: string;
  let browser: Browser;
  let reporterContext: BrowserContext;
  let reporter: Page;
  let reporterErrors: string[];
  const requestedUrls: string[] = [];

  beforeAll(async () => {
    if (!chromiumPresent) throw new Error(`${CHROMIUM} is missing: install it (apt-get install -y chromium); .ci/run does`);
    mkdirSync(SCREENSHOTS, { recursive: true });
    test = await startTestApp();
    await seedDemoStory(test.app);
    await test.app.listen({ port: 0, host: '127.0.0.1' });
    base = await test.app.getUrl();
    browser = await chromium.launch({ executablePath: CHROMIUM, args: LAUNCH_ARGS });
    reporterContext = await browser.newContext({ viewport: { width: 1280, height: 900 } });
    reporterContext.setDefaultTimeout(STEP_TIMEOUT_MS);
    reporter = await reporterContext.newPage();
    reporterErrors = watchErrors(reporter);
    reporter.on('request', (request) => requestedUrls.push(request.url()));
  }, 60_000);

  afterAll(async () => {
    await browser?.close();
    await test?.close();
  });

  it('loads without a token and signs a reporter in with one, kept in sessionStorage only', async () => {
    const response = await reporter.goto(`${base}/`);
    expect(response?.status()).toBe(200);
    expect(response?.headers()['content-security-policy']).toContain("script-src 'self'");
    await reporter.getByRole('heading', { name: 'Sign in' }).waitFor();
    await reporter.getByLabel('Access token').fill(TOKENS.reporter);
    await reporter.getByRole('button', { name: 'Sign in' }).click();
    await reporter.getByRole('heading', { name: 'Stories', level: 1 }).waitFor();
    await expect(reporter.locator('.masthead__who').textContent()).resolves.toBe('Signed in as rita (reporter)');
    await reporter.getByRole('link', { name: /Macron and Putin hold Kremlin talks/ }).waitFor();
    await expect(reporter.getByText('Open a new story').count()).resolves.toBe(0); // editors only
    await expect(reporter.evaluate("sessionStorage.getItem('story-tracker.token')")).resolves.toBe(TOKENS.reporter);
    await expect(reporter.evaluate('localStorage.length')).resolves.toBe(0);
    await screenshot(reporter, 'story-list.png');
  });

  it('searches the list and filters it by tag', async () => {
    await reporter.getByLabel('Search headlines and summaries').fill('no such words anywhere');
    await reporter.getByRole('button', { name: 'Search' }).click();
    await reporter.getByText('No stories match.').waitFor();
    await reporter.getByRole('link', { name: 'Clear' }).click();
    // The cleared list is a new page: type only once it has replaced the old one (a slow machine may
    // otherwise fill the old form's field just before it goes).
    await reporter.getByText('No stories match.').waitFor({ state: 'detached' });
    await reporter.getByLabel('Tag').fill('nato');
    await reporter.getByLabel('Tag').press('Enter');
    await reporter.getByRole('heading', { name: 'Stories tagged “nato”' }).waitFor();
    await reporter.getByRole('link', { name: /Macron and Putin hold Kremlin talks/ }).waitFor();
  });

  it('opens the story: its state, troop estimate history, meetings, demands, timeline and revisions', async () => {
    await reporter.getByRole('link', { name: /Macron and Putin hold Kremlin talks/ }).click();
    await reporter.getByRole('heading', { level: 1, name: /Macron and Putin hold Kremlin talks/ }).waitFor();
    await reporter.locator('.timeline__item').first().waitFor();
    const estimates = reporter.getByRole('region', { name: 'Troop estimates' });
    await expect(estimates.textContent()).resolves.toMatch(/more than 100,000/);
    await expect(estimates.getByText(/History of this estimate/).textContent()).resolves.toContain('2 changes');
    await expect(reporter.getByRole('region', { name: 'Meetings' }).textContent()).resolves.toMatch(/Emmanuel Macron, Vladimir Putin.*held/);
    await expect(reporter.getByRole('region', { name: 'Demands' }).textContent()).resolves.toMatch(/Rejected by United States, NATO/);
    // A reporter gets no editor's desk.
    await expect(reporter.getByRole('region', { name: 'Editor’s desk' }).count()).resolves.toBe(0);
    await expect(reporter.locator('.revision').count()).resolves.toBeGreaterThan(0);
    await reporter.getByRole('status').filter({ hasText: 'Live:' }).waitFor();
    await screenshot(reporter, 'story-view.png', { height: 1800 });
  });

  it('shows the story as it stood at an earlier revision', async () => {
    const before100k = (await revisionOf100kEstimate()) - 1;
    const slider = reporter.getByRole('slider', { name: 'Revision' });
    await slider.focus();
    await slider.fill(String(before100k));
    await reporter.getByRole('heading', { name: `State at revision ${before100k}` }).waitFor();
    await expect(reporter.getByRole('region', { name: 'Troop estimates' }).textContent()).resolves.toMatch(/about 92,000/);
    await reporter.getByRole('button', { name: 'Show the latest' }).click();
    await reporter.getByRole('heading', { name: 'Current state' }).waitFor();
  });

  it('compares the revisions around the 100,000 estimate and highlights 92,000 → 100,000', async () => {
    const revision = await revisionOf100kEstimate();
    await reporter.getByLabel('From revision').selectOption(String(revision - 1));
    await reporter.getByLabel('To revision').selectOption(String(revision));
    await reporter.getByRole('button', { name: 'Show changes' }).click();
    await reporter.getByRole('heading', { level: 1, name: `What changed from revision ${revision - 1} to ${revision}` }).waitFor();
    // Grouped by entry, named by its force and location, each field in words.
    const group = reporter.locator(ESTIMATE_GROUP);
    await expect(group.locator('.change-group__kind').textContent()).resolves.toBe('Troop estimate');
    await expect(group.locator('[data-field="count"] del').textContent()).resolves.toBe('92,000');
    await expect(group.locator('[data-field="count"] ins').textContent()).resolves.toBe('100,000');
    await expect(group.locator('[data-field="qualifier"] del').textContent()).resolves.toBe('about');
    await expect(group.locator('[data-field="qualifier"] ins').textContent()).resolves.toBe('more than');
    await expect(group.locator('[data-field="occurredAt"] ins').textContent()).resolves.toBe('6 Feb 2022');
    await expect(group.locator('[data-field="source"] ins').textContent()).resolves.toBe('US officials (Reuters)');
    await expect(reporter.getByRole('region', { name: 'What happened in between' }).textContent()).resolves.toMatch(/92,000 → more than 100,000/);
    // No record ids, record stamps or paths in view until the details are opened.
    const shown = await reporter.locator('main').innerText();
    expect(shown).not.toMatch(RECORD_ID);
    expect(shown).not.toMatch(RECORD_TIME);
    expect(shown).not.toContain('/troopEstimates');
    expect(shown).not.toMatch(/JSON Pointer|ULID|payload/i);
    await group.locator('.change-details summary').click();
    await expect(group.locator('.change-details [data-field="developmentId"] ins').textContent()).resolves.toMatch(RECORD_ID);
    await group.locator('.change-details summary').click();
    await screenshot(reporter, 'diff-view.png', { fullPage: true });
  });

  it('marks inserted and deleted words of the headline', async () => {
    const { body } = await test.http.get(`/stories/${STORY}/revisions?limit=500`).set(asReporter).expect(200);
    const headline = (body.items as { revision: number; type: string }[]).find((item) => item.type === 'HeadlineRevised')!.revision;
    await reporter.getByLabel('From revision').selectOption(String(headline - 1));
    await reporter.getByLabel('To revision').selectOption(String(headline));
    await reporter.getByRole('button', { name: 'Show changes' }).click();
    // Side by side: the old headline with its deleted words, the new one with its inserted words.
    const before = reporter.locator('.word-diff__text[data-field="headline"][data-side="before"]');
    const after = reporter.locator('.word-diff__text[data-field="headline"][data-side="after"]');
    await before.waitFor();
    await expect(before.locator('del').allTextContents()).resolves.toContain('takes peace bid to Moscow');
    await expect(before.locator('ins').count()).resolves.toBe(0);
    await expect(after.locator('ins').allTextContents()).resolves.toEqual(expect.arrayContaining([expect.stringContaining('Putin')]));
    await expect(after.locator('del').count()).resolves.toBe(0);
    const [left, right] = [await before.boundingBox(), await after.boundingBox()];
    expect(right!.x).toBeGreaterThan(left!.x + left!.width - 1);
    expect(Math.abs(right!.y - left!.y)).toBeLessThan(2);
  });

  it("shows an editor's new development on the reporter's page without a reload", async () => {
    await reporter.getByRole('link', { name: 'Back to the story' }).click();
    await reporter.getByRole('status').filter({ hasText: 'Live: new developments' }).waitFor();
    await reporter.locator('.timeline__item').first().waitFor();
    await reporter.evaluate('window.notReloaded = true');

    const editorContext = await browser.newContext({ viewport: { width: 1280, height: 900 } });
    editorContext.setDefaultTimeout(STEP_TIMEOUT_MS);
    const editor = await editorContext.newPage();
    const editorErrors = watchErrors(editor);
    const editorWrites = watchWrites(editor);
    await editor.goto(`${base}/`);
    await editor.getByLabel('Access token').fill(TOKENS.editor);
    await editor.getByRole('button', { name: 'Sign in' }).click();
    await editor.getByRole('link', { name: /Macron and Putin hold Kremlin talks/ }).click();
    await editor.getByText('Record a development').click();
    // A malformed development first: the server's 400 messages appear beside their fields.
    await editor.getByLabel('Number of troops (required)').fill('lots');
    await editor.getByRole('button', { name: 'Record development' }).click();
    await editor.getByText('Not recorded:').waitFor();
    await expect(editor.locator('[data-field="count"] .field__error').textContent()).resolves.toMatch(/count/);
    await expect(editor.locator('[data-field="force"] .field__error').textContent()).resolves.toMatch(/force/);
    await expect(editor.evaluate("document.activeElement?.getAttribute('name')")).resolves.toBe('force');
    await screenshot(editor, 'editor-form-errors.png', { element: editor.locator('.editor-desk--record') });
    // Then a proper one.
    await editor.getByLabel('Type of development').selectOption('meeting-scheduled');
    await editor.getByLabel('Participants (required)').fill('Emmanuel Macron\nVolodymyr Zelensky');
    await editor.getByLabel('Location (required)').fill('Kyiv');
    await editor.getByLabel('Scheduled for (required)').fill('2022-02-08');
    // Agreed on 1 February but only recorded now, after developments of 6 February: recorded late.
    await editor.getByLabel('When it happened').fill('2022-02-01');
    await editor.getByRole('form', { name: 'Record a development' }).getByLabel('Edit summary').fill('Macron travels on to Kyiv');
    await editor.getByRole('button', { name: 'Record development' }).click();
    await editor.getByText(/Recorded as revision \d+/).waitFor();
    const kyiv = reporter.locator('.timeline__item', { hasText: 'Macron – Zelensky in Kyiv' });
    await kyiv.waitFor();
    await expect(kyiv.locator('.badge--late').textContent()).resolves.toBe('recorded late');
    await reporter.getByRole('region', { name: 'Meetings' }).getByText('Emmanuel Macron, Volodymyr Zelensky').waitFor();

    // A correction, then a retraction, through their dialogs.
    await editor.getByRole('button', { name: /^Correct: Meeting Macron – Zelensky in Kyiv/ }).first().click();
    const correction = editor.getByRole('dialog', { name: 'Correct: Meeting scheduled' });
    await expect(correction.getByLabel('Location (required)').inputValue()).resolves.toBe('Kyiv');
    await correction.getByLabel('Location (required)').fill('Mariinskyi Palace, Kyiv');
    await correction.getByLabel('Reason for the correction (required)').fill('The palace was named later');
    await correction.getByRole('button', { name: 'Record correction' }).click();
    await correction.waitFor({ state: 'detached' });
    await editor.getByRole('button', { name: /^Retract: Meeting Macron – Zelensky in Mariinskyi Palace/ }).first().click();
    const retraction = editor.getByRole('dialog', { name: 'Retract: Meeting scheduled' });
    await retraction.getByRole('button', { name: 'Retract' }).click();
    await retraction.getByText('reason').first().waitFor(); // the 400 for the missing reason, beside the field
    await retraction.getByLabel('Reason for the retraction (required)').fill('The visit was never confirmed');
    await retraction.getByRole('button', { name: 'Retract' }).click();
    await retraction.waitFor({ state: 'detached' });

    // Only the deliberate 400s may have been logged (Chrome reports failed requests in the console).
    expect(editorErrors.filter((error) => !/status of 400/.test(error))).toEqual([]);
    // Every write was based on the revision the editor was looking at.
    expect(editorWrites.length).toBeGreaterThanOrEqual(5);
    expect(editorWrites.filter((write) => !/^"\d+"$/.test(write.ifMatch ?? ''))).toEqual([]);
    await editorContext.close();

    // The reporter saw each step arrive: recorded, corrected, retracted.
    const updates = reporter.locator('.recent-updates');
    await updates.getByText(/Meeting Macron – Zelensky in Kyiv scheduled/).waitFor();
    await updates.getByText(/Mariinskyi Palace/).first().waitFor();
    await updates.getByText(/[Rr]etract/).waitFor();
    await reporter.getByRole('region', { name: 'Retracted' }).getByText(/Zelensky/).waitFor();
    await expect(reporter.getByRole('region', { name: 'Meetings' }).textContent()).resolves.not.toContain('Zelensky');
    await expect(reporter.evaluate('window.notReloaded')).resolves.toBe(true);
  });

  it('fits a phone screen without sideways scrolling', async () => {
    const phoneContext = await browser.newContext({ viewport: { width: 390, height: 844 }, deviceScaleFactor: 2, isMobile: true, hasTouch: true });
    phoneContext.setDefaultTimeout(STEP_TIMEOUT_MS);
    await phoneContext.addInitScript(`sessionStorage.setItem('story-tracker.token', ${JSON.stringify(TOKENS.reporter)})`);
    const phone = await phoneContext.newPage();
    const phoneErrors = watchErrors(phone);
    const revision = await revisionOf100kEstimate();
    for (const hash of ['#/', `#/stories/${STORY}`, `#/stories/${STORY}/diff?from=${revision - 1}&to=${revision}`]) {
      await phone.goto(`${base}/${hash}`);
      await phone.reload();
      await phone.locator('h1:not(:text("Loading"))').first().waitFor();
      await phone.locator('.live, .change-groups').first().waitFor();
      const overflow = await phone.evaluate('document.documentElement.scrollWidth - window.innerWidth');
      expect({ hash, overflow }).toEqual({ hash, overflow: 0 });
    }
    await phone.goto(`${base}/#/stories/${STORY}`);
    await phone.reload();
    await phone.locator('.timeline__item').first().waitFor();
    await screenshot(phone, 'story-view-phone.png');
    await phone.goto(`${base}/#/stories/${STORY}/diff?from=${revision - 1}&to=${revision}`);
    await phone.reload();
    await phone.locator(ESTIMATE_GROUP).scrollIntoViewIfNeeded();
    await screenshot(phone, 'diff-view-phone.png');
    expect(phoneErrors).toEqual([]);
    await phoneContext.close();
  });

  it('logged no console errors and never put the token into a URL', () => {
    expect(reporterErrors).toEqual([]);
    expect(requestedUrls.filter((url) => url.includes(TOKENS.reporter))).toEqual([]);
  });

  async function revisionOf100kEstimate(): Promise<number> {
    const { body } = await test.http.get(`/stories/${STORY}/revisions?limit=500`).set(asReporter).expect(200);
    const item = (body.items as { revision: number; type: string; description: string }[]).find(
      (candidate) => candidate.type === 'TroopEstimateRecorded' && candidate.description.includes('100,000'),
    );
    if (!item) throw new Error('The demo story has no 100,000 troop estimate');
    return item.revision;
  }
});
