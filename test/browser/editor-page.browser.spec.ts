import { mkdirSync } from 'node:fs';
import { chromium, type Browser, type Page } from 'playwright-core';
import { asEditor, asReporter, recordDevelopment, startTestApp, TOKENS, troops, type TestApp } from '../support/test-app';
import { CHROMIUM, chromiumPresent, describeInBrowser, LAUNCH_ARGS, screenshot, SCREENSHOTS, signedInPage, withoutDeliberate, type SentWrite } from './browser-support';

/**
 * The editors' side of the page in a real browser: two editors on one story (the second gets the
 * conflict screen, re-applies, then drops), opening, editing, publishing and archiving a story, the
 * history of an estimate wherever it is, a story that does not exist, and notices that never cover
 * the page. Screenshots as in reporter-page.browser.spec.ts (UPDATE_SCREENSHOTS=1).
 */

interface Revision {
  revision: number;
  type: string;
  actor: string;
  description: string;
}

/** Every write but opening a story (which has no revision yet) carries the revision it was based on. */
function expectBasedOnARevision(writes: readonly SentWrite[]): void {
  const based = writes.filter((write) => !(write.method === 'POST' && write.path === '/stories'));
  expect(based.filter((write) => !/^"\d+"$/.test(write.ifMatch ?? ''))).toEqual([]);
}

describeInBrowser('the editor’s page in a browser', () => {
  jest.setTimeout(60_000);
  let test: TestApp;
  let base: string;
  let browser: Browser;

  beforeAll(async () => {
    if (!chromiumPresent) throw new Error(`${CHROMIUM} is missing: install it (apt-get install -y chromium); .ci/run does`);
    mkdirSync(SCREENSHOTS, { recursive: true });
    test = await startTestApp();
    await test.app.listen({ port: 0, host: '127.0.0.1' });
    base = await test.app.getUrl();
    browser = await chromium.launch({ executablePath: CHROMIUM, args: LAUNCH_ARGS });
  }, 60_000);

  afterAll(async () => {
    await browser?.close();
    await test?.close();
  });

  async function revisions(slug: string): Promise<Revision[]> {
    const { body } = await test.http.get(`/stories/${slug}/revisions?limit=500`).set(asReporter).expect(200);
    return body.items as Revision[];
  }

  async function openStoryPage(page: Page, slug: string): Promise<void> {
    await page.goto(`${base}/#/stories/${slug}`);
    await page.getByRole('status').filter({ hasText: 'Live: new developments' }).waitFor();
  }

  it('two editors on one revision: the second gets the conflict screen in words, re-applies, and later drops', async () => {
    const slug = 'scholz-kyiv';
    await test.http.post('/stories').set(asEditor).send({ slug, headline: 'Scholz to visit Kyiv and Moscow', summary: 'The German chancellor travels to both capitals.', tags: ['germany'] }).expect(201);
    await recordDevelopment(test, slug, troops(100000, { qualifier: 'more-than' }));
    const a = await signedInPage(browser, base, TOKENS.editor);
    const b = await signedInPage(browser, base, TOKENS.otherEditor);
    await openStoryPage(a.page, slug);
    await openStoryPage(b.page, slug);

    // Both look at revision 2. Bob begins a troop estimate…
    await b.page.getByText('Record a development').click();
    const bobsForm = b.page.getByRole('form', { name: 'Record a development' });
    await bobsForm.getByLabel('Force (required)').fill('Russia');
    await bobsForm.getByLabel('Location (required)').fill('Belarus');
    await bobsForm.getByLabel('Number of troops (required)').fill('30000');

    // …while Alice records a statement, which reaches Bob's page live.
    await a.page.getByText('Record a development').click();
    const alicesForm = a.page.getByRole('form', { name: 'Record a development' });
    await alicesForm.getByLabel('Type of development').selectOption('statement');
    await alicesForm.getByLabel('Speaker (required)').fill('Olaf Scholz');
    await alicesForm.getByLabel('What was said (required)').fill('Diplomacy has not been exhausted');
    await alicesForm.getByRole('button', { name: 'Record development' }).click();
    await alicesForm.getByText('Recorded as revision 3.').waitFor();
    await b.page.locator('.recent-updates').getByText(/Olaf Scholz/).waitFor();

    // Bob's change was based on revision 2: the server refuses it and Bob sees what Alice did.
    await bobsForm.getByRole('button', { name: 'Record development' }).click();
    const conflict = b.page.getByRole('dialog', { name: 'The story changed while you were working' });
    await conflict.locator('.conflict__changes[aria-busy="false"]').waitFor();
    const alices = (await revisions(slug)).find((item) => item.revision === 3)!;
    const listed = conflict.locator('.conflict__item');
    await expect(listed.count()).resolves.toBe(1);
    await expect(listed.locator('.conflict__what').textContent()).resolves.toBe(alices.description);
    await expect(listed.textContent()).resolves.toContain('Revision 3, by alice');
    await expect(conflict.locator('.conflict__lede').textContent()).resolves.toMatch(/revision 2\. It has moved on to revision 3/);
    await expect(conflict.locator('.conflict__yours').textContent()).resolves.toMatch(/^Troop estimate: .*Belarus.*30,000/);
    await expect(conflict.textContent()).resolves.not.toMatch(/\b[0-9A-HJKMNP-TV-Z]{26}\b/);
    await screenshot(b.page, 'conflict-screen.png');

    // Re-applied on revision 3, it is recorded as revision 4, Bob's.
    await conflict.getByRole('button', { name: 'Record my change on revision 3' }).click();
    await bobsForm.getByText('Recorded as revision 4.').waitFor();
    const afterReapply = await revisions(slug);
    expect(afterReapply.at(-1)).toMatchObject({ revision: 4, type: 'TroopEstimateRecorded', actor: 'bob' });
    expect(b.writes.map((write) => write.ifMatch)).toEqual(['"2"', '"3"']);

    // Bob begins a new headline at revision 4; Alice publishes first; Bob drops his headline.
    await b.page.getByText('Edit headline, summary and tags').click();
    const bobsStory = b.page.getByRole('form', { name: 'Edit headline, summary and tags' });
    await expect(bobsStory.getByLabel('Headline (required)').inputValue()).resolves.toBe('Scholz to visit Kyiv and Moscow');
    await bobsStory.getByLabel('Headline (required)').fill('Scholz heads to Kyiv first');
    await a.page.getByRole('button', { name: 'Publish', exact: true }).click();
    const publish = a.page.getByRole('dialog', { name: 'Publish this story' });
    await publish.getByRole('button', { name: 'Publish', exact: true }).click();
    await publish.waitFor({ state: 'detached' });
    await a.page.locator('.lifecycle__status', { hasText: 'This story is published.' }).waitFor();
    await b.page.locator('.lifecycle__status', { hasText: 'This story is published.' }).waitFor();
    // The live update did not overwrite what Bob had typed.
    await expect(bobsStory.getByLabel('Headline (required)').inputValue()).resolves.toBe('Scholz heads to Kyiv first');
    await bobsStory.getByRole('button', { name: 'Save changes' }).click();
    const second = b.page.getByRole('dialog', { name: 'The story changed while you were working' });
    await second.locator('.conflict__changes[aria-busy="false"]').waitFor();
    const published = (await revisions(slug)).find((item) => item.revision === 5)!;
    expect(published.type).toBe('StoryPublished');
    await expect(second.locator('.conflict__what').allTextContents()).resolves.toEqual([published.description]);
    await expect(second.locator('.conflict__yours').textContent()).resolves.toBe('Headline: Scholz heads to Kyiv first');
    await second.getByRole('button', { name: 'Drop my change' }).click();
    await bobsStory.getByText('Your changes were dropped; nothing was recorded.').waitFor();
    const { body: story } = await test.http.get(`/stories/${slug}`).set(asReporter).expect(200);
    expect(story).toMatchObject({ revision: 5, status: 'published', headline: 'Scholz to visit Kyiv and Moscow' });
    await expect(bobsStory.getByLabel('Headline (required)').inputValue()).resolves.toBe('Scholz to visit Kyiv and Moscow');

    expectBasedOnARevision(a.writes);
    expectBasedOnARevision(b.writes);
    expect(a.errors).toEqual([]);
    // Bob's two refused writes are the only errors Chromium logged (it logs every 4xx).
    expect(withoutDeliberate(b.errors, { 412: 2 })).toEqual([]);
    expect(b.errors).toHaveLength(2);
    await a.context.close();
    await b.context.close();
  });

  it('fits the conflict screen on a phone', async () => {
    const slug = 'conflict-on-a-phone';
    await test.http.post('/stories').set(asEditor).send({ slug, headline: 'Talks in Geneva', summary: 'Diplomats meet again.' }).expect(201);
    const phone = await signedInPage(browser, base, TOKENS.otherEditor, { width: 390, height: 844 });
    await openStoryPage(phone.page, slug);
    await phone.page.getByText('Edit headline, summary and tags').click();
    const form = phone.page.getByRole('form', { name: 'Edit headline, summary and tags' });
    await form.getByLabel('Summary', { exact: true }).fill('Diplomats meet again, this time without a date for the next round.');
    await test.http.patch(`/stories/${slug}`).set(asEditor).send({ headline: 'Talks in Geneva end without agreement' }).expect(200);
    await phone.page.getByRole('heading', { level: 1, name: 'Talks in Geneva end without agreement' }).waitFor();
    await form.getByRole('button', { name: 'Save changes' }).click();
    const conflict = phone.page.getByRole('dialog', { name: 'The story changed while you were working' });
    await conflict.locator('.word-diff__text[data-side="after"] ins').first().waitFor();
    const box = await conflict.boundingBox();
    expect(box!.x).toBeGreaterThanOrEqual(0);
    expect(box!.x + box!.width).toBeLessThanOrEqual(390);
    await expect(phone.page.evaluate('document.documentElement.scrollWidth - window.innerWidth')).resolves.toBe(0);
    await screenshot(phone.page, 'conflict-screen-phone.png');
    // Escape decides later: nothing recorded, the change stays in its form, and sending it again asks again.
    await phone.page.keyboard.press('Escape');
    await conflict.waitFor({ state: 'detached' });
    await form.getByRole('alert').getByText(/Not recorded yet: The story has moved on to revision 2/).waitFor();
    await expect(form.getByLabel('Summary', { exact: true }).inputValue()).resolves.toBe('Diplomats meet again, this time without a date for the next round.');
    await form.getByRole('button', { name: 'Save changes' }).click();
    await conflict.getByRole('button', { name: 'Record my change on revision 2' }).click();
    await form.getByText('Saved as revision 3.').waitFor();
    const { body: story } = await test.http.get(`/stories/${slug}`).set(asReporter).expect(200);
    expect(story).toMatchObject({ headline: 'Talks in Geneva end without agreement', summary: 'Diplomats meet again, this time without a date for the next round.' });
    expect(phone.writes.map((write) => write.ifMatch)).toEqual(['"1"', '"1"', '"2"']);
    expect(withoutDeliberate(phone.errors, { 412: 2 })).toEqual([]);
    expectBasedOnARevision(phone.writes);
    await phone.context.close();
  });

  it('opens a story from the list, edits its headline, summary and tags, publishes and archives it', async () => {
    const { page, context, errors, writes } = await signedInPage(browser, base, TOKENS.editor);
    await page.getByRole('heading', { level: 1, name: 'Stories' }).waitFor();
    await page.getByText('Open a new story').click();
    const open = page.getByRole('form', { name: 'Open a new story' });
    await open.getByLabel('Slug (required)').fill('scholz-trip');
    await open.getByLabel('Headline (required)').fill('Scholz to visit Kyiv');
    await open.getByLabel('Summary', { exact: true }).fill('The chancellor goes to Kyiv on Monday.');
    await open.getByLabel('Tags', { exact: true }).fill('germany\ndiplomacy');
    await open.getByRole('button', { name: 'Open story' }).click();
    await page.getByRole('heading', { level: 1, name: 'Scholz to visit Kyiv' }).waitFor();
    expect(page.url()).toMatch(/#\/stories\/scholz-trip$/);
    // A new story: one clear line, not eight empty sections.
    await page.locator('.state-empty').waitFor();
    await expect(page.locator('.state-section').count()).resolves.toBe(0);
    await expect(page.locator('.story-meta').textContent()).resolves.toMatch(/draft.*tags: germany, diplomacy/);

    // The same slug again: the server's 409, with the way to the story that has it.
    await page.goto(`${base}/#/`);
    await page.getByText('Open a new story').click();
    await open.getByLabel('Slug (required)').fill('scholz-trip');
    await open.getByLabel('Headline (required)').fill('Another Scholz story');
    await open.getByRole('button', { name: 'Open story' }).click();
    await open.getByRole('alert').getByText('A story with this slug already exists').waitFor();
    await open.getByRole('link', { name: 'Go to the story “scholz-trip”' }).click();
    await page.getByRole('heading', { level: 1, name: 'Scholz to visit Kyiv' }).waitFor();
    await page.getByRole('status').filter({ hasText: 'Live: new developments' }).waitFor();

    // Headline, summary and tags.
    await page.getByText('Edit headline, summary and tags').click();
    const edit = page.getByRole('form', { name: 'Edit headline, summary and tags' });
    await edit.getByRole('button', { name: 'Save changes' }).click();
    await edit.getByText('Nothing to save').waitFor();
    await edit.getByLabel('Headline (required)').fill('Scholz visits Kyiv, then Moscow');
    await edit.getByLabel('Summary', { exact: true }).fill('The chancellor goes to Kyiv on Monday and to Moscow on Tuesday.');
    await edit.getByLabel('Tags', { exact: true }).fill('germany\ndiplomacy\nrussia');
    await edit.getByLabel('Edit summary').fill('Moscow leg confirmed');
    await screenshot(page, 'editor-desk.png', { element: page.locator('.editor-area') });
    await edit.getByRole('button', { name: 'Save changes' }).click();
    await edit.getByText('Saved as revision 4.').waitFor();
    await page.getByRole('heading', { level: 1, name: 'Scholz visits Kyiv, then Moscow' }).waitFor();
    await expect(page.locator('.story-summary').textContent()).resolves.toBe('The chancellor goes to Kyiv on Monday and to Moscow on Tuesday.');
    await page.locator('.story-meta', { hasText: 'russia' }).waitFor();
    expect((await revisions('scholz-trip')).map((item) => item.type)).toEqual(['StoryOpened', 'HeadlineRevised', 'SummaryRevised', 'TagsChanged']);

    // Publish, then archive: each confirmed; an archived story offers no more changes.
    await page.getByRole('button', { name: 'Publish', exact: true }).click();
    await page.getByRole('dialog', { name: 'Publish this story' }).getByRole('button', { name: 'Publish', exact: true }).click();
    await page.locator('.lifecycle__status', { hasText: 'This story is published.' }).waitFor();
    await page.getByRole('button', { name: 'Archive', exact: true }).click();
    const archive = page.getByRole('dialog', { name: 'Archive this story' });
    await expect(archive.textContent()).resolves.toContain('This cannot be undone.');
    await archive.getByRole('button', { name: 'Archive', exact: true }).click();
    await page.locator('.lifecycle__status', { hasText: 'This story is archived: it takes no more changes.' }).waitFor();
    await expect(page.getByText('Record a development').count()).resolves.toBe(0);
    await expect(page.getByRole('button', { name: 'Publish', exact: true }).count()).resolves.toBe(0);
    await expect(page.getByRole('button', { name: 'Archive', exact: true }).count()).resolves.toBe(0);
    const { body: story } = await test.http.get('/stories/scholz-trip').set(asReporter).expect(200);
    expect(story).toMatchObject({ status: 'archived', revision: 6, tags: ['germany', 'diplomacy', 'russia'] });

    expect(writes.map((write) => `${write.method} ${write.path}`)).toEqual([
      'POST /stories',
      'POST /stories',
      'PATCH /stories/scholz-trip',
      'POST /stories/scholz-trip/publish',
      'POST /stories/scholz-trip/archive',
    ]);
    expect(writes.slice(2).map((write) => write.ifMatch)).toEqual(['"1"', '"4"', '"5"']);
    expect(withoutDeliberate(errors, { 409: 1 })).toEqual([]);
    await context.close();
  });

  it('shows the history of an estimate wherever it is, from the developments themselves', async () => {
    const slug = 'belarus-build-up';
    await test.http.post('/stories').set(asEditor).send({ slug, headline: 'Russian troops gather in Belarus' }).expect(201);
    const first = await recordDevelopment(test, slug, troops(30000, { location: 'Belarus', qualifier: 'about', occurredAt: '2022-01-20' }));
    await recordDevelopment(test, slug, troops(100000, { occurredAt: '2022-01-25' }));
    await recordDevelopment(test, slug, troops(45000, { location: 'Belarus', qualifier: 'up-to', occurredAt: '2022-02-10', source: { name: 'NATO officials' } }));
    await test.http.post(`/stories/${slug}/developments/${first}/corrections`).set(asEditor).send({ changes: { count: 28000 }, reason: 'The ministry gave 28,000' }).expect(201);
    const { page, context, errors } = await signedInPage(browser, base, TOKENS.reporter);
    await openStoryPage(page, slug);
    const belarus = page.locator('.estimates article', { has: page.getByRole('heading', { name: 'Russia, Belarus' }) });
    await expect(belarus.locator('.figure').textContent()).resolves.toBe('up to 45,000');
    const history = belarus.locator('.estimate__history');
    await expect(history.locator('summary').textContent()).resolves.toBe('History of this estimate (3 changes)');
    const figures = history.locator('.history-list > li');
    await expect(figures.count()).resolves.toBe(2);
    await expect(figures.nth(0).locator('.history-list__what').textContent()).resolves.toBe('about 28,000');
    await expect(figures.nth(0).locator('.history-list__corrections').textContent()).resolves.toMatch(/^Corrected in revision 5 by alice/);
    await expect(figures.nth(1).locator('.history-list__what').textContent()).resolves.toBe('up to 45,000, according to NATO officials');
    await expect(figures.nth(1).locator('.badge--current').textContent()).resolves.toBe('current');
    await expect(history.textContent()).resolves.not.toContain('100,000');
    // The other location has one figure: no history to show.
    const border = page.locator('.estimates article', { has: page.getByRole('heading', { name: 'Russia, near the Ukrainian border' }) });
    await expect(border.locator('.estimate__history').count()).resolves.toBe(0);
    // As it stood at revision 3, before the second Belarus figure and the correction: one figure, no history yet.
    await page.goto(`${base}/#/stories/${slug}?revision=3`);
    await page.getByRole('heading', { name: 'State at revision 3' }).waitFor();
    await expect(belarus.locator('.figure').textContent()).resolves.toBe('about 30,000');
    await expect(belarus.locator('.estimate__history').count()).resolves.toBe(0);
    // At revision 4, before the correction: both figures, the earlier one said to be shown as corrected since.
    await page.getByRole('slider', { name: 'Revision' }).fill('4');
    await page.getByRole('heading', { name: 'State at revision 4' }).waitFor();
    await expect(belarus.locator('.estimate__history summary').textContent()).resolves.toBe('History of this estimate (2 changes)');
    await expect(figures.nth(0).textContent()).resolves.toContain('(shown as corrected later, in revision 5)');
    await expect(figures.nth(1).locator('.badge--current').count()).resolves.toBe(1);
    expect(errors).toEqual([]);
    await context.close();
  });

  it('answers a story that does not exist with a clear message and no empty sections', async () => {
    const { page, context, errors } = await signedInPage(browser, base, TOKENS.reporter);
    await page.goto(`${base}/#/stories/no-such-story`);
    await page.getByRole('heading', { level: 1, name: 'No story called “no-such-story”' }).waitFor();
    await expect(page.locator('main .card, main section, .live').count()).resolves.toBe(0);
    await expect(page.getByRole('link', { name: 'See all the stories' }).count()).resolves.toBe(1);
    await expect(page.title()).resolves.toBe('No such story · Story Tracker');
    await page.goto(`${base}/#/stories/no-such-story/diff?from=1&to=2`);
    await page.getByRole('heading', { level: 1, name: 'No story called “no-such-story”' }).waitFor();
    await expect(page.locator('main .card:not([hidden]), .change-groups').count()).resolves.toBe(0);
    // Revisions that cannot be compared are not sent to the server at all.
    await test.http.post('/stories').set(asEditor).send({ slug: 'one-revision', headline: 'Only just opened' }).expect(201);
    await page.goto(`${base}/#/stories/one-revision/diff?from=abc`);
    await page.getByRole('heading', { level: 1, name: 'Choose two revisions to compare' }).waitFor();
    // One 404 for each missing story (its state is asked for first and alone), nothing else.
    expect(withoutDeliberate(errors, { 404: 2 })).toEqual([]);
    expect(errors).toHaveLength(2);
    await context.close();
  });

  it('opens a story once when the route changes while the page is still starting', async () => {
    const slug = 'route-while-starting';
    await test.http.post('/stories').set(asEditor).send({ slug, headline: 'Opened while the page starts' }).expect(201);
    const context = await browser.newContext();
    context.setDefaultTimeout(10_000);
    await context.addInitScript(`sessionStorage.setItem('story-tracker.token', ${JSON.stringify(TOKENS.reporter)})`);
    // The development types are held back, so the first route is still waiting on them when the hash changes.
    let release!: () => void;
    const held = new Promise<void>((resolve) => (release = resolve));
    await context.route('**/development-types', async (route) => {
      await held;
      await route.continue();
    });
    const page = await context.newPage();
    const reads: string[] = [];
    page.on('request', (request) => {
      const { pathname } = new URL(request.url());
      if (pathname.startsWith(`/stories/${slug}`)) reads.push(pathname);
    });
    await page.goto(`${base}/`);
    await page.locator('.masthead__who').waitFor();
    await page.goto(`${base}/#/stories/${slug}`);
    release();
    await page.getByRole('status').filter({ hasText: 'Live: new developments' }).waitFor();
    await expect(page.getByRole('heading', { level: 1 }).textContent()).resolves.toBe('Opened while the page starts');
    // The route that started first saw the hash change while it waited: it leaves the story to the newer one.
    // One view: one live feed, and the state read to show it and once more as the feed opens (to catch up).
    expect(reads.filter((path) => path === `/stories/${slug}/live`)).toHaveLength(1);
    expect(reads.filter((path) => path === `/stories/${slug}`).length).toBeLessThanOrEqual(2);
    await context.close();
  });

  it('keeps its notices out of the way: none on signing in, and none ever over the content', async () => {
    const context = await browser.newContext({ viewport: { width: 390, height: 844 } });
    const page = await context.newPage();
    await page.goto(`${base}/`);
    await page.getByLabel('Access token').fill(TOKENS.editor);
    await page.getByRole('button', { name: 'Sign in' }).click();
    await page.getByRole('heading', { level: 1, name: 'Stories' }).waitFor();
    await expect(page.locator('.masthead__who').textContent()).resolves.toBe('Signed in as alice (editor)');
    await expect(page.locator('.toast').count()).resolves.toBe(0);
    // A notice that does appear (a story opened) sits in the flow, above the content, not on it.
    await page.getByText('Open a new story').click();
    const open = page.getByRole('form', { name: 'Open a new story' });
    await open.getByLabel('Slug (required)').fill('notice-check');
    await open.getByLabel('Headline (required)').fill('Checking the notices');
    await open.getByRole('button', { name: 'Open story' }).click();
    const notice = page.locator('.toast', { hasText: 'Story opened' });
    await notice.waitFor();
    await expect(page.evaluate("getComputedStyle(document.querySelector('.toasts')).position")).resolves.toBe('static');
    const [toast, main] = [await notice.boundingBox(), await page.locator('main').boundingBox()];
    expect(toast!.y + toast!.height).toBeLessThanOrEqual(main!.y);
    await notice.getByRole('button', { name: 'Dismiss this notice' }).click();
    await expect(notice.count()).resolves.toBe(0);
    await context.close();
  });
});
