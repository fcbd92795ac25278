import { mkdirSync } from 'node:fs';
import { chromium, type Browser, type Page } from 'playwright-core';
import { asEditor, asReporter, openStory, recordDevelopment, startTestApp, TOKENS, troops, type TestApp } from '../support/test-app';
import { CHROMIUM, chromiumPresent, describeInBrowser, LAUNCH_ARGS, screenshot, SCREENSHOTS, signedInPage, withoutDeliberate } from './browser-support';

/**
 * Watches and alerts on the reporter's page, in a real browser against the real app on SQLite: a
 * reporter watches a story through its form (the server's 400 and 422 answers beside the fields), an
 * editor's big troop estimate change reaches the alerts panel without a reload, stopping the watch
 * stops the alerts; a webhook's secret is shown once; the readers' page is linked only from a story
 * that has been published.
 */
const DRAFT = 'belarus-build-up';
const PUBLISHED = 'macron-moscow';
const ARCHIVED_DRAFT = 'minsk-talks';
const KIND_LABELS = ['Troop estimates move', 'Meetings held, cancelled or rescheduled', 'Demands answered', 'Corrections', 'Retractions', 'Headline changes'];
const inBelarus = (count: number) => troops(count, { location: 'Belarus' });

interface AlertBody {
  id: string;
  storyId: string;
  revision: number;
  kind: string;
  description: string;
}

describeInBrowser('watches and alerts on the page', () => {
  jest.setTimeout(60_000);
  let test: TestApp;
  let base: string;
  let browser: Browser;

  beforeAll(async () => {
    if (!chromiumPresent) throw new Error(`${CHROMIUM} is missing: install it (apt-get install -y chromium); .ci/run does`);
    mkdirSync(SCREENSHOTS, { recursive: true });
    test = await startTestApp({ store: 'sqlite', env: { WEBHOOK_ALLOWED_HOSTS: 'hooks.example.org' } });
    await test.app.listen({ port: 0, host: '127.0.0.1' });
    base = await test.app.getUrl();
    browser = await chromium.launch({ executablePath: CHROMIUM, args: LAUNCH_ARGS });
    await openStory(test, DRAFT, { headline: 'Russian troops mass in Belarus' });
    await recordDevelopment(test, DRAFT, inBelarus(30000));
    await openStory(test, PUBLISHED, { headline: 'Macron heads to Moscow' });
    await test.http.post(`/stories/${PUBLISHED}/publish`).set(asEditor).send({}).expect(201);
    await openStory(test, ARCHIVED_DRAFT, { headline: 'Talks in Minsk' });
    await test.http.post(`/stories/${ARCHIVED_DRAFT}/archive`).set(asEditor).send({}).expect(201);
  }, 60_000);

  afterAll(async () => {
    await browser?.close();
    await test?.close();
  });

  async function openStoryPage(page: Page, slug: string): Promise<void> {
    await page.goto(`${base}/#/stories/${slug}`);
    await page.getByRole('status').filter({ hasText: 'Live: new developments' }).waitFor();
  }

  async function reportersAlerts(): Promise<AlertBody[]> {
    const { body } = await test.http.get('/alerts').set(asReporter).expect(200);
    return body.items as AlertBody[];
  }

  async function reportersWatches(): Promise<Array<Record<string, unknown>>> {
    const { body } = await test.http.get('/watches').set(asReporter).expect(200);
    return body.items as Array<Record<string, unknown>>;
  }

  it('a reporter watches a story; an editor’s big troop estimate change shows in the alerts panel live; stopping the watch stops them', async () => {
    const { context, page, errors } = await signedInPage(browser, base, TOKENS.reporter);
    const toggle = page.locator('.alerts__toggle');
    await expect(toggle.textContent()).resolves.toContain('Alerts');
    await openStoryPage(page, DRAFT);
    await expect(page.getByRole('link', { name: 'Readers’ page' }).count()).resolves.toBe(0);

    await page.getByRole('button', { name: 'Watch this story' }).click();
    const dialog = page.getByRole('dialog', { name: 'Watch this story' });
    for (const label of KIND_LABELS) await expect(dialog.getByLabel(label).isChecked()).resolves.toBe(true);
    const threshold = dialog.getByLabel('Troop estimate threshold (percent)');
    const webhook = dialog.getByLabel('Webhook address (optional)');
    await expect(threshold.inputValue()).resolves.toBe('10');
    const start = dialog.getByRole('button', { name: 'Start watching' });

    // The server's answers, beside the fields they are about: a threshold out of range (400)…
    await threshold.fill('2000');
    await start.click();
    const thresholdError = dialog.locator('[data-field="estimateThresholdPercent"] .field__error');
    await thresholdError.waitFor();
    await expect(thresholdError.textContent()).resolves.toContain('1000');
    await expect(threshold.getAttribute('aria-invalid')).resolves.toBe('true');
    // …no kind at all (400)…
    await threshold.fill('25');
    for (const label of KIND_LABELS) await dialog.getByLabel(label).uncheck();
    await start.click();
    await dialog.locator('.watch-kinds .field__error', { hasText: 'at least one kind' }).waitFor();
    await expect(thresholdError.isHidden()).resolves.toBe(true);
    // …and a webhook host the newsroom does not allow (422).
    await dialog.getByLabel('Troop estimates move').check();
    await dialog.getByLabel('Corrections').check();
    await webhook.fill('https://elsewhere.example.com/hook');
    await start.click();
    await dialog.locator('[data-field="webhook.url"] .field__error', { hasText: 'elsewhere.example.com is not one of them' }).waitFor();
    await expect(dialog.locator('.watch-kinds .field__error').isHidden()).resolves.toBe(true);
    await screenshot(page, 'watch-form.png');

    await webhook.fill('');
    await start.click();
    await dialog.waitFor({ state: 'detached' });
    const watching = page.locator('.watch__status');
    await expect(watching.locator('.watch__what').textContent()).resolves.toBe('Watching (troop estimates that move by 25% or more, corrections)');
    await expect(page.evaluate('document.activeElement?.textContent')).resolves.toBe('Stop watching');
    await screenshot(page, 'watching.png', { height: 300 });
    const [watch] = await reportersWatches();
    expect(watch).toMatchObject({ storyId: DRAFT, on: ['estimate', 'correction'], estimateThresholdPercent: 25 });

    // The editor records through the API: a move of 10% (under the threshold, no alert), then one of 36%.
    await page.evaluate('window.notReloaded = true');
    await recordDevelopment(test, DRAFT, inBelarus(33000));
    await recordDevelopment(test, DRAFT, inBelarus(45000));
    await page.locator('.alerts__count', { hasText: '1' }).waitFor();
    await page.getByRole('button', { name: 'Alerts 1 new', exact: true }).waitFor();
    const [alert, ...others] = await reportersAlerts();
    expect(others).toEqual([]);
    expect(alert).toMatchObject({ storyId: DRAFT, revision: 4, kind: 'estimate' });
    await page.getByRole('status').filter({ hasText: `New alert. Troop estimate moved on “Russian troops mass in Belarus”: ${alert!.description}` }).waitFor();

    await toggle.click();
    const panel = page.getByRole('region', { name: 'Your alerts' });
    const items = panel.locator('.alert');
    await expect(items.count()).resolves.toBe(1);
    await expect(items.locator('.alert__kind').textContent()).resolves.toBe('Troop estimate moved');
    await expect(items.locator('.alert__what').textContent()).resolves.toBe(alert!.description);
    expect(alert!.description).toContain('45,000');
    await expect(items.locator('.alert__when').textContent()).resolves.toMatch(/^\d{1,2} \w{3} \d{4}, \d{2}:\d{2} UTC$/);
    const link = panel.getByRole('link', { name: 'Russian troops mass in Belarus, revision 4' });
    await expect(link.getAttribute('href')).resolves.toBe(`#/stories/${DRAFT}?revision=4`);
    await expect(page.locator('.alerts__count').isHidden()).resolves.toBe(true); // seen
    await screenshot(page, 'alerts-panel.png');
    await expect(page.evaluate('window.notReloaded')).resolves.toBe(true);

    // The alert leads to the story as it stood at its revision.
    await recordDevelopment(test, DRAFT, { type: 'statement', speaker: 'Alexander Lukashenko', text: 'The troops will leave after the exercises' });
    await page.locator('.recent-updates', { hasText: 'Lukashenko' }).waitFor();
    await link.click();
    await expect(panel.isHidden()).resolves.toBe(true);
    await page.getByText('You are looking at revision 4').waitFor();

    // Signed in again (a reload), the panel fills from GET /alerts; what was seen stays seen.
    await page.reload();
    await page.locator('.alerts__status[data-state="open"]').waitFor({ state: 'attached' });
    await toggle.click();
    await expect(panel.locator('.alert').count()).resolves.toBe(1);
    await expect(page.locator('.alerts__count').isHidden()).resolves.toBe(true);
    await toggle.click();

    // Stop watching: no more alerts.
    await page.getByRole('button', { name: 'Stop watching' }).click();
    await page.getByRole('button', { name: 'Watch this story' }).waitFor();
    await expect(reportersWatches()).resolves.toEqual([]);
    await screenshot(page, 'watch-stopped.png', { height: 300 });
    await recordDevelopment(test, DRAFT, inBelarus(90000));
    await expect(reportersAlerts()).resolves.toHaveLength(1);
    await expect(page.locator('.alerts__count').isHidden()).resolves.toBe(true);

    expect(withoutDeliberate(errors, { 400: 2, 422: 1 })).toEqual([]);
    await context.close();
  });

  it('a webhook’s secret is shown once, with a copy button; the readers’ page is linked only from a story that has been published', async () => {
    const { context, page, errors } = await signedInPage(browser, base, TOKENS.reporter);
    await context.grantPermissions(['clipboard-read', 'clipboard-write'], { origin: base });
    await openStoryPage(page, PUBLISHED);
    const readers = page.getByRole('link', { name: 'Readers’ page' });
    await expect(readers.getAttribute('href')).resolves.toBe(`/public/stories/${PUBLISHED}`);

    await page.getByRole('button', { name: 'Watch this story' }).click();
    const dialog = page.getByRole('dialog', { name: 'Watch this story' });
    await dialog.getByLabel('Webhook address (optional)').fill('https://hooks.example.org/story-tracker');
    await dialog.getByRole('button', { name: 'Start watching' }).click();
    const done = page.getByRole('dialog', { name: 'Watching this story' });
    const secret = done.getByLabel('Webhook secret');
    await expect(secret.inputValue()).resolves.toMatch(/^whsec_[A-Za-z0-9+/=]+$/);
    await done.getByText('Shown only now: keep it to check the signatures').waitFor();
    await done.getByRole('button', { name: 'Copy the secret' }).click();
    await done.getByText('Copied').waitFor();
    await expect(page.evaluate('navigator.clipboard.readText()')).resolves.toBe(await secret.inputValue());
    await screenshot(page, 'watch-secret.png');
    await done.getByRole('button', { name: 'Done' }).click();
    await expect(page.locator('.watch__what').textContent()).resolves.toBe('Watching (every kind of change; troop estimates that move by 10% or more; posted to hooks.example.org)');
    // The server never answers the secret again.
    const [watch] = await reportersWatches();
    expect(watch).toEqual({ id: expect.any(String), storyId: PUBLISHED, on: ['estimate', 'meeting', 'demand', 'correction', 'retraction', 'headline'], estimateThresholdPercent: 10, webhook: { url: 'https://hooks.example.org/story-tracker' } });
    await page.getByRole('button', { name: 'Stop watching' }).click();
    await page.getByRole('button', { name: 'Watch this story' }).waitFor();

    // Archived after publication: readers still have their page. Archived as a draft: never had one.
    await test.http.post(`/stories/${PUBLISHED}/archive`).set(asEditor).send({}).expect(201);
    await page.locator('.story-meta .badge--archived').waitFor();
    await expect(readers.isVisible()).resolves.toBe(true);
    await openStoryPage(page, ARCHIVED_DRAFT);
    await page.getByRole('heading', { name: 'Talks in Minsk' }).waitFor();
    await expect(readers.count()).resolves.toBe(0);

    expect(errors).toEqual([]);
    await context.close();
  });
});
