import { escapeMarkup } from '../../apps/api/src/public/render/markup-text';
import { READER_PAGE_CONTENT_SECURITY_POLICY } from '../../apps/api/src/public/render/reader-page.style';
import { childrenNamed, onlyChild, parseXml, textOf } from '../../apps/api/src/public/testing/xml-document';
import { asEditor, asRedactor, GRANTS, openStory, recordDevelopment, removeDir, startTestApp, type TestApp } from '../support/test-app';

const STORY = 'baltic-reinforcements';
const MARKER = 'Colonel-Marker-7f3a9';
/** Every actor name the tokens have: none may reach a reader. */
const STAFF = new RegExp(`\\b(${GRANTS.map((grant) => grant.actor).join('|')})\\b`);

const publicPaths = (id: string) => [`/public/stories/${id}/changelog`, `/public/stories/${id}/changelog.atom`, `/public/stories/${id}`];

describe('the readers’ changelog and page, without a token', () => {
  let test: TestApp;
  let texts: string[];
  beforeAll(async () => {
    test = await startTestApp({ store: 'sqlite', env: { NEWSROOM_NAME: 'The Baltic Ledger', LOG_ORIGIN: 'news.example.org/story-tracker' } });
    await openStory(test, STORY, { headline: 'NATO reinforces the Baltics', summary: 'Allies send troops east' });
    const deployment = await recordDevelopment(test, STORY, { type: 'deployment', force: 'British', count: 350, destination: 'Estonia', occurredAt: '2022-02-06' });
    const estimate = await recordDevelopment(test, STORY, { type: 'troop-estimate', force: 'Russia', location: 'Belarus', count: 30000, source: { name: 'a Kyiv daily' } });
    const meeting = await recordDevelopment(test, STORY, { type: 'meeting-scheduled', participants: ['Emmanuel Macron', 'Vladimir Putin'], location: 'Moscow', scheduledFor: '2022-02-07' });
    await test.http.post(`/stories/${STORY}/publish`).set(asEditor).send({}).expect(201);
    await test.http.post(`/stories/${STORY}/developments/${deployment}/corrections`).set(asEditor).send({ changes: { count: 900 }, reason: 'The Ministry of Defence says 900' }).expect(201);
    await test.http.post(`/stories/${STORY}/developments/${estimate}/retractions`).set(asEditor).send({ reason: 'The report could not be confirmed' }).expect(201);
    await recordDevelopment(test, STORY, { type: 'meeting-held', meetingId: meeting });
    await test.http.patch(`/stories/${STORY}`).set(asEditor).send({ headline: 'NATO sends 900 British troops to Estonia', tags: ['nato'] }).expect(200);
    texts = [
      'Update: The headline was changed from “NATO reinforces the Baltics” to “NATO sends 900 British troops to Estonia”.',
      'Update: A meeting between Macron and Putin was held in Moscow.',
      'Retraction: An earlier version of this story said Russia had 30,000 troops in Belarus, according to a Kyiv daily. It has been withdrawn. The report could not be confirmed.',
      'Correction: An earlier version of this story said 350 British troops were sent to Estonia. It should have said 900 British troops were sent to Estonia. The Ministry of Defence says 900.',
    ];
  });
  afterAll(async () => {
    await test.close();
    removeDir(test.dataDir);
  });

  it('answers the changelog in JSON: what changed after publication, newest first, in a copy desk’s words', async () => {
    const answer = await test.http.get(`/public/stories/${STORY}/changelog`).expect(200);
    expect(answer.headers['content-type']).toBe('application/json; charset=utf-8');
    expect(answer.body).toEqual({
      storyId: STORY,
      headline: 'NATO sends 900 British troops to Estonia',
      items: texts.map((text, index) => ({ at: expect.stringMatching(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z$/), kind: ['update', 'update', 'retraction', 'correction'][index], text })),
    });
    const times = (answer.body.items as { at: string }[]).map(({ at }) => at);
    expect([...times].sort().reverse()).toEqual(times);
    expect(answer.text).not.toMatch(STAFF);
  });

  it('answers the same as a valid Atom 1.0 feed, with stable ids and the newsroom as its author', async () => {
    const answer = await test.http.get(`/public/stories/${STORY}/changelog.atom`).expect(200);
    expect(answer.headers['content-type']).toBe('application/atom+xml; charset=utf-8');
    expect(answer.text).not.toMatch(STAFF);
    const feed = parseXml(answer.text);
    expect(feed.name).toBe('feed');
    expect(feed.attributes['xmlns']).toBe('http://www.w3.org/2005/Atom');
    expect(textOf(onlyChild(feed, 'id'))).toBe(`urn:story-tracker:news.example.org/story-tracker:story:${STORY}`);
    expect(textOf(onlyChild(feed, 'title'))).toBe('NATO sends 900 British troops to Estonia: corrections and updates');
    expect(textOf(onlyChild(onlyChild(feed, 'author'), 'name'))).toBe('The Baltic Ledger');
    expect(childrenNamed(feed, 'link').map(({ attributes }) => attributes['rel'])).toEqual(['self', 'alternate']);
    const entries = childrenNamed(feed, 'entry');
    expect(entries.map((entry) => textOf(onlyChild(entry, 'content')))).toEqual(texts);
    const json = (await test.http.get(`/public/stories/${STORY}/changelog`).expect(200)).body as { items: { at: string }[] };
    expect(textOf(onlyChild(feed, 'updated'))).toBe(json.items[0]!.at);
    for (const [index, entry] of entries.entries()) {
      expect(textOf(onlyChild(entry, 'id'))).toMatch(new RegExp(`^urn:story-tracker:news\\.example\\.org/story-tracker:story:${STORY}:revision:\\d+$`));
      expect(textOf(onlyChild(entry, 'updated'))).toBe(json.items[index]!.at);
      expect(textOf(onlyChild(entry, 'title'))).toBe(texts[index]!.split(/(?<=\.) /)[0]);
    }
    const again = parseXml((await test.http.get(`/public/stories/${STORY}/changelog.atom`).expect(200)).text);
    expect(childrenNamed(again, 'entry').map((entry) => textOf(onlyChild(entry, 'id')))).toEqual(entries.map((entry) => textOf(onlyChild(entry, 'id'))));
  });

  it('serves a page that tells the story as it stands in prose, then its changes, with no script and a policy that allows none', async () => {
    const answer = await test.http.get(`/public/stories/${STORY}`).expect(200);
    expect(answer.headers['content-type']).toBe('text/html; charset=utf-8');
    expect(answer.headers['content-security-policy']).toBe(READER_PAGE_CONTENT_SECURITY_POLICY);
    expect(answer.headers['content-security-policy']).toMatch(/^default-src 'none'; /);
    expect(answer.headers['x-content-type-options']).toBe('nosniff');
    expect(answer.headers['referrer-policy']).toBe('no-referrer');
    const html = answer.text;
    expect(html).not.toMatch(/<script|javascript:/i);
    expect(html).not.toMatch(STAFF);
    const [story, changes] = html.split('<h2 id="corrections-and-updates">');
    expect(story).toContain('<h1>NATO sends 900 British troops to Estonia</h1>');
    expect(story).toContain('<p class="summary">Allies send troops east</p>');
    expect(story).toContain('<span class="when">6 February 2022:</span> 900 British troops were sent to Estonia.');
    expect(story).toContain('Emmanuel Macron and Vladimir Putin were due to meet in Moscow on 7 February 2022.');
    expect(story).toContain('A meeting between Macron and Putin was held in Moscow.');
    // Retracted: gone from the story, told in its changes.
    expect(story).not.toContain('Belarus');
    for (const text of texts) expect(changes).toContain(`<p>${escapeMarkup(text)}</p>`);
    expect(html).toContain('<p class="newsroom">The Baltic Ledger</p>');
  });

  it('lets no shared cache keep a copy (a redaction could not reach it), and answers HEAD too', async () => {
    for (const path of publicPaths(STORY)) {
      const answer = await test.http.get(path).expect(200);
      expect(answer.headers['cache-control']).toBe('private, no-store');
      expect(answer.headers['x-content-type-options']).toBe('nosniff');
      expect((await test.http.head(path).expect(200)).headers['content-type']).toBe(answer.headers['content-type']);
    }
  });

  it('answers 404 with the same problem for a draft as for no story, on all three, and a story archived after publication stays', async () => {
    await openStory(test, 'macron-visit-draft', { headline: 'Draft: Macron to visit Kyiv' });
    await openStory(test, 'archived-unpublished', { headline: 'Never out' });
    await test.http.post('/stories/archived-unpublished/archive').set(asEditor).send({}).expect(201);
    for (const id of ['macron-visit-draft', 'archived-unpublished', 'no-such-story']) {
      for (const path of publicPaths(id)) {
        const answer = await test.http.get(path).expect(404);
        expect(answer.headers['content-type']).toBe('application/problem+json; charset=utf-8');
        expect(answer.body).toMatchObject({ status: 404, code: 'StoryNotFound', detail: `No published story ${id}` });
        expect(answer.text).not.toContain('Draft: Macron');
      }
    }
    await test.http.get('/public/stories/Not%20A%20Slug/changelog').expect(404);
    // Published at last: there from then on, with nothing changed yet.
    await recordDevelopment(test, 'macron-visit-draft', { type: 'note', text: 'Before publication' });
    await test.http.post('/stories/macron-visit-draft/publish').set(asEditor).send({}).expect(201);
    expect((await test.http.get('/public/stories/macron-visit-draft/changelog').expect(200)).body).toEqual({ storyId: 'macron-visit-draft', headline: 'Draft: Macron to visit Kyiv', items: [] });
    expect((await test.http.get('/public/stories/macron-visit-draft').expect(200)).text).toContain('<p>Before publication.</p>');
    await test.http.post(`/stories/${STORY}/archive`).set(asEditor).send({}).expect(201);
    for (const path of publicPaths(STORY)) await test.http.get(path).expect(200);
    expect((await test.http.get(`/public/stories/${STORY}`).expect(200)).text).toContain('This story is no longer being updated.');
    expect((await test.http.get(`/public/stories/${STORY}/changelog`).expect(200)).body.items.map(({ text }: { text: string }) => text)).toEqual(texts);
  });

  it('shows a redacted value in none of the three, before or after the redaction, and says a detail was removed', async () => {
    const id = 'kharkiv-source';
    await openStory(test, id, { headline: 'Troops gather near Kharkiv' });
    const estimate = await recordDevelopment(test, id, { type: 'troop-estimate', force: 'Russia', location: 'near Kharkiv', count: 12000, source: { name: MARKER } });
    await test.http.post(`/stories/${id}/publish`).set(asEditor).send({}).expect(201);
    await test.http.post(`/stories/${id}/developments/${estimate}/corrections`).set(asEditor).send({ changes: { count: 15000 }, reason: 'A later count' }).expect(201);
    await test.http.post(`/stories/${id}/developments/${estimate}/corrections`).set(asEditor).send({ changes: { source: { name: `${MARKER}, retired` } }, reason: `${MARKER} has retired` }).expect(201);
    for (const path of publicPaths(id)) expect((await test.http.get(path).expect(200)).text).toContain(MARKER);
    await test.http.post(`/stories/${id}/developments/${estimate}/redactions`).set(asRedactor).send({ paths: ['/source/name'], reason: 'The colonel is at risk' }).expect(201);
    for (const path of publicPaths(id)) {
      const text = (await test.http.get(path).expect(200)).text;
      expect(text).not.toContain(MARKER);
      expect(text).not.toContain('[redacted]');
      expect(text).not.toContain('colonel is at risk');
      expect(text).toContain('[detail removed]');
      expect(text).not.toMatch(STAFF);
    }
    expect((await test.http.get(`/public/stories/${id}/changelog`).expect(200)).body.items.map(({ text }: { text: string }) => text)).toEqual([
      'Update: A detail was removed from this story.',
      // It set the value taken out: its reason, the editor's words, goes with it.
      'Correction: An earlier version of this story got a detail wrong in the report that Russia had 15,000 troops near Kharkiv, according to [detail removed].',
      'Correction: An earlier version of this story said Russia had 12,000 troops near Kharkiv, according to [detail removed]. It should have said Russia had 15,000 troops near Kharkiv, according to [detail removed]. A later count.',
    ]);
  });

  it('escapes what editors wrote, in the page and in the feed', async () => {
    const id = 'hostile-headline';
    const headline = `<b>Tanks</b> & "troops" at 'the' border`;
    await openStory(test, id, { headline: 'Plain' });
    await test.http.post(`/stories/${id}/publish`).set(asEditor).send({}).expect(201);
    await test.http.patch(`/stories/${id}`).set(asEditor).send({ headline }).expect(200);
    await recordDevelopment(test, id, { type: 'note', text: '<img src=x onerror=alert(1)> &amp; </style><script>x</script>' });
    const html = (await test.http.get(`/public/stories/${id}`).expect(200)).text;
    expect(html).toContain(`<h1>${escapeMarkup(headline)}</h1>`);
    expect(html).not.toMatch(/<img|<script|<b>/);
    expect(html.match(/<\/style>/g)).toHaveLength(1);
    const feed = parseXml((await test.http.get(`/public/stories/${id}/changelog.atom`).expect(200)).text);
    expect(textOf(onlyChild(feed, 'title'))).toBe(`${headline}: corrections and updates`);
    expect(childrenNamed(feed, 'entry').map((entry) => textOf(onlyChild(entry, 'content')))).toEqual([
      'Update: <img src=x onerror=alert(1)> &amp; </style><script>x</script>.',
      `Update: The headline was changed from “Plain” to “${headline.replace(/"([^"]*)"/g, '‘$1’')}”.`,
    ]);
  });
});
