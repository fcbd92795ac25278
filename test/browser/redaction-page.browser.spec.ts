import { mkdirSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import { loadConfig } from '@story-tracker/runtime';
import { chromium, type Browser, type Page } from 'playwright-core';
import supertest from 'supertest';
import { createApp } from '../../apps/api/src/app.factory';
import { asEditor, asRedactor, asReporter, bearer, GRANTS, removeDir, TOKENS, troops } from '../support/test-app';
import { CHROMIUM, chromiumPresent, describeInBrowser, LAUNCH_ARGS, screenshot, SCREENSHOTS, signedInPage, STEP_TIMEOUT_MS, withoutDeliberate } from './browser-support';

/**
 * Redaction on the page, in a real browser against the real app on SQLite: a value redacted through
 * the API shows to every role as a mark with its reason and is nowhere in the page; a redactor (who
 * also reads stories) redacts a field through the page, and a reporter's open page drops the value it
 * was showing without a reload. A redactor's token alone is told why it cannot read.
 */
const STORY = 'kremlin-talks';
/** Values that must leave the page once redacted: searched for in its text and its whole DOM. */
const SOURCE = 'Colonel Marker-7f3a9';
const TOPIC = 'Topic-Marker-b41c2 (the Donbas ceasefire)';
const COURT_ORDER = 'Court order of 3 March: the source must not be named';
const SOURCE_AT_RISK = 'The topic identifies a source at risk';
/** A redactor who may also read stories: the page needs a reading role (GET /me, the story itself). */
const DESK_REDACTOR = { token: 'desk-redactor-token-0123456789', actor: 'rosa', roles: ['reporter', 'redactor'] } as const;
const REDACTED_ON = /Redacted on \d{1,2} [A-Z][a-z]{2,3} \d{4} by rosa: /;

describeInBrowser('redacted values on the page', () => {
  jest.setTimeout(60_000);
  let app: NestFastifyApplication;
  let http: ReturnType<typeof supertest>;
  let dataDir: string;
  let base: string;
  let browser: Browser;
  let estimateId: string;

  beforeAll(async () => {
    if (!chromiumPresent) throw new Error(`${CHROMIUM} is missing: install it (apt-get install -y chromium); .ci/run does`);
    mkdirSync(SCREENSHOTS, { recursive: true });
    dataDir = mkdtempSync(join(tmpdir(), 'story-tracker-redaction-'));
    const config = loadConfig({ EVENT_STORE: 'sqlite', DATA_DIR: dataDir, LOG_LEVEL: 'silent', SEED_DEMO_STORY: 'false' });
    app = await createApp(config, [...GRANTS, DESK_REDACTOR]);
    http = supertest(app.getHttpServer());
    await app.listen({ port: 0, host: '127.0.0.1' });
    base = await app.getUrl();
    browser = await chromium.launch({ executablePath: CHROMIUM, args: LAUNCH_ARGS });

    await http.post('/stories').set(asEditor).send({ slug: STORY, headline: 'Macron and Putin hold Kremlin talks' }).expect(201);
    const recorded = await http.post(`/stories/${STORY}/developments`).set(asEditor)
      .send(troops(100000, { qualifier: 'more-than', occurredAt: '2022-02-06', source: { name: SOURCE, url: 'https://example.org/report' } })).expect(201);
    estimateId = recorded.body.developmentId;
    await http.post(`/stories/${STORY}/developments/${estimateId}/redactions`).set(asRedactor).send({ paths: ['/source/name'], reason: COURT_ORDER }).expect(201);
    const state = await http.get(`/stories/${STORY}`).set(asReporter).expect(200);
    expect(state.body.redactions[estimateId]).toEqual([expect.objectContaining({ paths: ['/source/name'], reason: COURT_ORDER, by: 'rosa' })]);
  }, 60_000);

  afterAll(async () => {
    await browser?.close();
    await app?.close();
    if (dataDir) removeDir(dataDir);
  });

  async function openStory(page: Page, hash = `#/stories/${STORY}`): Promise<void> {
    await page.goto(`${base}/${hash}`);
    await page.getByRole('status').filter({ hasText: 'Live: new developments' }).waitFor();
    await page.locator('.timeline__item').first().waitFor();
  }

  /** Neither the value nor the API's bracket text anywhere: not in what the page reads, not in its DOM. */
  async function expectNowhere(page: Page, value: string): Promise<void> {
    const text = await page.evaluate('document.body.innerText') as string;
    const dom = await page.evaluate('document.documentElement.outerHTML') as string;
    expect(text).not.toContain(value);
    expect(dom).not.toContain(value);
    expect(text).not.toContain('[redacted]');
  }

  it('shows the redacted source as a mark with its reason, to a reporter, an editor and an auditor alike', async () => {
    for (const token of [TOKENS.reporter, TOKENS.editor, TOKENS.auditor]) {
      const { context, page, errors } = await signedInPage(browser, base, token);
      await openStory(page);
      const estimates = page.getByRole('region', { name: 'Troop estimates' });
      const mark = estimates.locator('.entry__meta .redacted');
      await expect(mark.textContent()).resolves.toBe('redacted');
      await expect(mark.getAttribute('title')).resolves.toMatch(new RegExp(`${REDACTED_ON.source}${COURT_ORDER}`));
      // The reason is said in words under the entry too, not only in a tooltip.
      await expect(estimates.locator('.redaction-note').textContent()).resolves.toMatch(new RegExp(`${REDACTED_ON.source}${COURT_ORDER}`));
      await expect(estimates.textContent()).resolves.toMatch(/more than 100,000/);
      // The address was not redacted: still a link.
      await expect(estimates.getByRole('link', { name: 'link' }).getAttribute('href')).resolves.toBe('https://example.org/report');
      // The timeline and the revision history, where the descriptions held the name.
      await page.locator('.timeline__item .timeline__what .redacted').first().waitFor();
      await page.locator('.timeline__item .redaction-note', { hasText: COURT_ORDER }).waitFor();
      await page.locator('.revision__what', { hasText: /^Redacted: source name/ }).waitFor();
      await expectNowhere(page, SOURCE);
      if (token === TOKENS.reporter) await screenshot(page, 'redacted-entry.png', { element: estimates });
      if (token === TOKENS.editor) {
        // A correction starts from the fields as they stand: the redacted name is left empty, the address kept.
        await page.getByRole('button', { name: /^Correct: Troop estimate/ }).first().click();
        const dialog = page.getByRole('dialog', { name: 'Correct: Troop estimate' });
        await expect(dialog.getByLabel('Source', { exact: true }).inputValue()).resolves.toBe('');
        await expect(dialog.getByLabel('Source address').inputValue()).resolves.toBe('https://example.org/report');
        await dialog.getByRole('button', { name: 'Cancel' }).click();
        // No redactor role, no "Redact…".
        await expect(page.getByRole('button', { name: /^Redact: / }).count()).resolves.toBe(0);
      }
      expect(errors).toEqual([]);
      await context.close();
    }
  });

  it('shows the mark at an earlier revision and in the diff, with the reason the latest state gives', async () => {
    const { context, page, errors } = await signedInPage(browser, base, TOKENS.reporter);
    // Revision 2 recorded the estimate, before the redaction: its state has no word of why.
    await openStory(page, `#/stories/${STORY}?revision=2`);
    await page.getByRole('heading', { name: 'State at revision 2' }).waitFor();
    const mark = page.getByRole('region', { name: 'Troop estimates' }).locator('.entry__meta .redacted');
    await expect(mark.getAttribute('title')).resolves.toContain(COURT_ORDER);
    await expectNowhere(page, SOURCE);

    await page.goto(`${base}/#/stories/${STORY}/diff?from=1&to=2`);
    const group = page.locator('[data-group="troopEstimates"]');
    await group.waitFor();
    await expect(group.locator('[data-field="source"] ins .redacted').getAttribute('title')).resolves.toContain(COURT_ORDER);
    await expect(group.locator('[data-field="source"] ins').textContent()).resolves.toBe('redacted, https://example.org/report');
    await expect(group.locator('.redaction-note').textContent()).resolves.toContain(COURT_ORDER);
    await expectNowhere(page, SOURCE);
    expect(errors).toEqual([]);
    await context.close();
  });

  it('lets a redactor redact a field through the page; an open reporter page drops the value without a reload', async () => {
    const reporter = await signedInPage(browser, base, TOKENS.reporter);
    await openStory(reporter.page);
    await reporter.page.evaluate('window.notReloaded = true');
    // Recorded while the reporter watches: the live line and the revision history show the topic.
    await http.post(`/stories/${STORY}/developments`).set(asEditor)
      .send({ type: 'meeting-scheduled', participants: ['Emmanuel Macron', 'Vladimir Putin'], location: 'Moscow', scheduledFor: '2022-02-07', topic: TOPIC }).expect(201);
    await reporter.page.locator('.recent-updates', { hasText: TOPIC }).waitFor();
    await reporter.page.getByRole('region', { name: 'Meetings' }).getByText(TOPIC).waitFor();

    const { context, page, errors, writes } = await signedInPage(browser, base, DESK_REDACTOR.token);
    await openStory(page);
    // A redactor who is no editor gets "Redact…" and nothing of the editor's.
    await expect(page.getByRole('button', { name: /^Correct: / }).count()).resolves.toBe(0);
    await page.getByRole('region', { name: 'Meetings' }).getByRole('button', { name: /^Redact: Meeting/ }).click();
    const dialog = page.getByRole('dialog', { name: 'Redact: Meeting scheduled' });
    await dialog.getByText('This removes the value from the record for good; the proof stays.').waitFor();
    await expect(dialog.getByRole('checkbox').count()).resolves.toBe(4); // participants, location, time, topic

    // Nothing chosen: nothing sent.
    await dialog.getByRole('button', { name: 'Redact for good' }).click();
    await dialog.getByText('choose at least one field').waitFor();
    await dialog.getByRole('checkbox', { name: /^Topic/ }).check();
    // No reason: the server's 400, beside the field.
    await dialog.getByRole('button', { name: 'Redact for good' }).click();
    await dialog.locator('[data-field="reason"] .field__error').waitFor();
    // The server's refusals, with their messages (answered here by the test: the page cannot provoke them).
    await dialog.getByLabel('Reason for the redaction (required)').fill(SOURCE_AT_RISK);
    for (const [status, title, detail] of [
      [403, 'Not allowed for this role', 'This needs the redactor role; rosa has reporter'],
      [404, 'No such development', 'No development 01JZ6Q4A1B2C3D4E5F6G7H8J9K in this story'],
      [422, 'The development has no field at this path', 'Development 01JZ6Q4A1B2C3D4E5F6G7H8J9K has no field at /topic'],
    ] as const) {
      await page.route('**/redactions', (route) => route.fulfill({ status, contentType: 'application/problem+json', body: JSON.stringify({ status, title, detail }) }), { times: 1 });
      await dialog.getByRole('button', { name: 'Redact for good' }).click();
      await dialog.getByRole('alert').filter({ hasText: `${title}: ${detail}` }).waitFor();
    }
    await screenshot(page, 'redaction-dialog.png', { element: dialog });
    await dialog.getByRole('button', { name: 'Redact for good' }).click();
    await dialog.waitFor({ state: 'detached' });

    const topic = page.getByRole('region', { name: 'Meetings' }).locator('p', { hasText: 'Topic:' });
    await expect(topic.locator('.redacted').getAttribute('title')).resolves.toMatch(new RegExp(`${REDACTED_ON.source}${SOURCE_AT_RISK}`));
    await expectNowhere(page, TOPIC);
    // The redaction was based on the revision the redactor saw; the 400 and the three refusals were deliberate.
    const sent = writes.filter((write) => write.path.endsWith('/redactions'));
    expect(sent.filter((write) => !/^"\d+"$/.test(write.ifMatch ?? ''))).toEqual([]);
    expect(withoutDeliberate(errors, { 400: 1, 403: 1, 404: 1, 422: 1 })).toEqual([]);
    await context.close();

    // The reporter's page heard of it: the topic is gone from the state, the live lines and the revision history.
    await reporter.page.getByRole('region', { name: 'Meetings' }).locator('.redaction-note', { hasText: SOURCE_AT_RISK }).waitFor();
    await reporter.page.locator('.recent-updates .redacted').first().waitFor();
    await reporter.page.waitForFunction(`!document.documentElement.outerHTML.includes(${JSON.stringify(TOPIC)})`, undefined, { timeout: STEP_TIMEOUT_MS });
    await expectNowhere(reporter.page, TOPIC);
    await expect(reporter.page.evaluate('window.notReloaded')).resolves.toBe(true);
    expect(reporter.errors).toEqual([]);
    await reporter.context.close();

    // And the record says so to everyone.
    const story = await http.get(`/stories/${STORY}`).set(asReporter).expect(200);
    expect(story.text).not.toContain(TOPIC);
  });

  it('shows whole lists, sources, figures and texts redacted in every kind of entry, without a page error', async () => {
    const slug = 'everything-redacted';
    const secret = (what: string) => `Secret-${what}-9e1d`;
    await http.post('/stories').set(asEditor).send({ slug, headline: 'Everything redacted' }).expect(201);
    const record = async (development: Record<string, unknown>) => (await http.post(`/stories/${slug}/developments`).set(asEditor).send(development).expect(201)).body.developmentId as string;
    const redact = (id: string, paths: string[]) => http.post(`/stories/${slug}/developments/${id}/redactions`).set(asRedactor).send({ paths, reason: COURT_ORDER }).expect(201);
    const meeting = await record({ type: 'meeting-scheduled', participants: [secret('a'), secret('b')], location: secret('where'), scheduledFor: '2022-02-07' });
    const held = await record({ type: 'meeting-held', meetingId: meeting, outcome: secret('outcome') });
    const estimate = await record(troops(30000, { qualifier: 'about', source: { name: secret('source'), url: 'https://example.org/secret' }, note: secret('note') }));
    const statement = await record({ type: 'statement', speaker: secret('speaker'), text: secret('quote') });
    const deployment = await record({ type: 'deployment', force: 'United States', count: 1700, destination: secret('base') });
    await redact(meeting, ['/participants', '/location']);
    await redact(held, ['/outcome']);
    await redact(estimate, ['/count', '/source', '/note']);
    await redact(statement, ['/speaker', '/text']);
    await redact(deployment, ['/destination']);

    const { context, page, errors } = await signedInPage(browser, base, TOKENS.reporter);
    await openStory(page, `#/stories/${slug}`);
    const meetings = page.getByRole('region', { name: 'Meetings' });
    await expect(meetings.locator('.redacted').count()).resolves.toBe(4); // each participant, the location, the outcome
    // The outcome is the held meeting's: its reason shows under the meeting it acts on.
    await expect(meetings.locator('.redaction-note').count()).resolves.toBe(2);
    await expect(page.getByRole('region', { name: 'Troop estimates' }).locator('.estimate__count').textContent()).resolves.toBe('about redacted troops');
    await expect(page.getByRole('region', { name: 'Statements' }).locator('.redacted').count()).resolves.toBe(2);
    await expect(page.getByRole('region', { name: 'Deployments' }).textContent()).resolves.toContain('United States: 1,700 to redacted');
    for (const what of ['a', 'b', 'where', 'outcome', 'source', 'note', 'speaker', 'quote', 'base']) await expectNowhere(page, secret(what));
    // The address went with the whole source.
    await expectNowhere(page, 'https://example.org/secret');
    await screenshot(page, 'redacted-story.png', { height: 1500 });

    await page.goto(`${base}/#/stories/${slug}/diff?from=1&to=6`);
    await page.locator('.change-group').first().waitFor();
    await expect(page.locator('[data-group="meetings"] .change-group__name .redacted').count()).resolves.toBe(3); // each participant, the location
    for (const what of ['a', 'b', 'where', 'outcome', 'source', 'note', 'speaker', 'quote', 'base']) await expectNowhere(page, secret(what));
    await screenshot(page, 'redacted-diff.png', { fullPage: true });
    expect(errors).toEqual([]);
    await context.close();
  });

  it('tells a redactor whose token reads nothing why the page cannot show stories', async () => {
    const context = await browser.newContext();
    context.setDefaultTimeout(STEP_TIMEOUT_MS);
    const page = await context.newPage();
    await page.goto(`${base}/`);
    await page.getByLabel('Access token').fill(TOKENS.redactor);
    await page.getByRole('button', { name: 'Sign in' }).click();
    await page.getByText(/This token cannot read stories/).waitFor();
    // GET /me answers any role: it says the token is a redactor's alone.
    expect((await http.get('/me').set(bearer(TOKENS.redactor))).body.roles).toEqual(['redactor']);
    await context.close();
  });
});
