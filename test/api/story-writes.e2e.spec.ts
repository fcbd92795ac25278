import { asEditor, openStory, startTestApp, type TestApp } from '../support/test-app';

describe('opening, revising, publishing and archiving stories', () => {
  let test: TestApp;
  beforeEach(async () => {
    test = await startTestApp();
  });
  afterEach(() => test.close());

  it('opens a story: 201, Location, ETag and the revision', async () => {
    const response = await test.http
      .post('/stories')
      .set(asEditor)
      .send({ slug: 'russia-ukraine-standoff', headline: 'Macron heads to Moscow', summary: 'Talks in the Kremlin', tags: ['Russia', 'nato'] })
      .expect(201);
    expect(response.headers['location']).toBe('/stories/russia-ukraine-standoff');
    expect(response.headers['etag']).toBe('"1"');
    expect(response.body).toEqual({ id: 'russia-ukraine-standoff', revision: 1, events: ['StoryOpened'] });
    const story = await test.http.get('/stories/russia-ukraine-standoff').set(asEditor).expect(200);
    expect(story.body).toMatchObject({ id: 'russia-ukraine-standoff', revision: 1, status: 'draft', headline: 'Macron heads to Moscow', summary: 'Talks in the Kremlin', tags: ['russia', 'nato'], updatedBy: 'alice' });
    expect(story.headers['etag']).toBe('"1"');
  });

  it('refuses a slug that exists with 409 and appends nothing', async () => {
    await openStory(test);
    const response = await test.http.post('/stories').set(asEditor).send({ slug: 'russia-ukraine-standoff', headline: 'Again' }).expect(409);
    expect(response.body.code).toBe('StoryAlreadyExists');
    expect(await test.eventCount()).toBe(1);
  });

  it('opens a story with If-Match "0" (the revision of a story not yet opened), and refuses any other with 412', async () => {
    const stale = await test.http.post('/stories').set(asEditor).set('If-Match', '"9999999"').send({ slug: 'scholz-trip', headline: 'Scholz to Kyiv' }).expect(412);
    expect(stale.body).toMatchObject({ code: 'RevisionConflict', currentRevision: 0 });
    expect(await test.eventCount()).toBe(0);
    await test.http.post('/stories').set(asEditor).set('If-Match', '"0"').send({ slug: 'scholz-trip', headline: 'Scholz to Kyiv' }).expect(201);
  });

  it.each([
    [{ slug: 'Bad Slug', headline: 'x' }, ['slug']],
    [{ slug: 'ab', headline: 'x' }, ['slug']],
    [{ slug: 'double--hyphen', headline: 'x' }, ['slug']],
    [{ slug: 'fine-slug' }, ['headline']],
    [{ slug: 'fine-slug', headline: '', tags: 'nato' }, ['headline', 'tags']],
    [{ slug: 'fine-slug', headline: 'x', colour: 'red' }, ['colour']],
    [{ slug: 'fine-slug', headline: 'x', tags: ['Russia', 'nato', 'russia'] }, ['tags']],
  ])('answers 400 naming every offending field of %j, and appends nothing', async (body, fields) => {
    const response = await test.http.post('/stories').set(asEditor).send(body).expect(400);
    expect(response.body.code).toBe('ValidationFailed');
    expect(response.body.errors.map((error: { field: string }) => error.field).sort()).toEqual([...fields].sort());
    expect(await test.eventCount()).toBe(0);
  });

  it('revises only what really changed, and a no-op PATCH appends nothing', async () => {
    await openStory(test, 'russia-ukraine-standoff', { summary: 'Talks', tags: ['russia'] });
    const changed = await test.http.patch('/stories/russia-ukraine-standoff').set(asEditor).send({ headline: 'Macron meets Putin', summary: 'Talks', tags: ['russia', 'nato'] }).expect(200);
    expect(changed.body).toEqual({ id: 'russia-ukraine-standoff', revision: 3, events: ['HeadlineRevised', 'TagsChanged'] });
    expect(changed.headers['etag']).toBe('"3"');
    const noop = await test.http.patch('/stories/russia-ukraine-standoff').set(asEditor).send({ headline: 'Macron meets Putin' }).expect(200);
    expect(noop.body).toEqual({ id: 'russia-ukraine-standoff', revision: 3, events: [] });
    expect(await test.eventCount()).toBe(3);
  });

  it('refuses an empty PATCH with 400', async () => {
    await openStory(test);
    const response = await test.http.patch('/stories/russia-ukraine-standoff').set(asEditor).send({}).expect(400);
    expect(response.body.errors[0].field).toBe('body');
    expect(await test.eventCount()).toBe(1);
  });

  it('publishes once (422 the second time) and archives; an archived story takes no more writes', async () => {
    await openStory(test);
    await test.http.post('/stories/russia-ukraine-standoff/publish').set(asEditor).send({}).expect(201);
    const again = await test.http.post('/stories/russia-ukraine-standoff/publish').set(asEditor).send({}).expect(422);
    expect(again.body.code).toBe('StoryAlreadyPublished');
    await test.http.post('/stories/russia-ukraine-standoff/archive').set(asEditor).send({}).expect(201);
    const before = await test.eventCount();
    const refused = await test.http.post('/stories/russia-ukraine-standoff/developments').set(asEditor).send({ type: 'note', text: 'late news' }).expect(422);
    expect(refused.body.code).toBe('StoryArchived');
    await test.http.patch('/stories/russia-ukraine-standoff').set(asEditor).send({ headline: 'New' }).expect(422);
    expect(await test.eventCount()).toBe(before);
    const story = await test.http.get('/stories/russia-ukraine-standoff').set(asEditor).expect(200);
    expect(story.body.status).toBe('archived');
  });

  it('answers 404 for every path under a story that does not exist', async () => {
    await test.http.get('/stories/no-such-story').set(asEditor).expect(404);
    await test.http.get('/stories/NOT_A_SLUG').set(asEditor).expect(404);
    await test.http.patch('/stories/no-such-story').set(asEditor).send({ headline: 'x' }).expect(404);
    await test.http.post('/stories/no-such-story/developments').set(asEditor).send({ type: 'note', text: 'x' }).expect(404);
    await test.http.post('/stories/no-such-story/publish').set(asEditor).send({}).expect(404);
    await test.http.post('/stories/no-such-story/developments/01ABC/retractions').set(asEditor).send({ reason: 'x' }).expect(404);
    expect(await test.eventCount()).toBe(0);
  });

  it('keeps the edit summary from X-Edit-Summary or the body in the event metadata', async () => {
    await test.http.post('/stories').set(asEditor).set('X-Edit-Summary', 'New story from the Paris desk').send({ slug: 'russia-ukraine-standoff', headline: 'x' }).expect(201);
    await test.http.post('/stories/russia-ukraine-standoff/developments').set(asEditor).send({ type: 'note', text: 'x', editSummary: 'Wire copy' }).expect(201);
    const tooLong = await test.http.post('/stories/russia-ukraine-standoff/developments').set(asEditor).set('X-Edit-Summary', 'x'.repeat(501)).send({ type: 'note', text: 'x' }).expect(400);
    expect(tooLong.body.errors[0].field).toBe('X-Edit-Summary');
    const summaries = [];
    for await (const event of test.store.readStream('story-russia-ukraine-standoff')) summaries.push(event.metadata['editSummary']);
    expect(summaries).toEqual(['New story from the Paris desk', 'Wire copy']);
  });
});

describe('conditional reads', () => {
  let test: TestApp;
  beforeAll(async () => {
    test = await startTestApp();
    await openStory(test);
  });
  afterAll(() => test.close());

  it('answers 304 without a body when If-None-Match names the current revision, and 200 once it moved on', async () => {
    const unchanged = await test.http.get('/stories/russia-ukraine-standoff').set(asEditor).set('If-None-Match', '"1"').expect(304);
    expect(unchanged.text ?? '').toBe('');
    expect(unchanged.headers['etag']).toBe('"1"');
    await test.http.post('/stories/russia-ukraine-standoff/developments').set(asEditor).send({ type: 'note', text: 'x' }).expect(201);
    const moved = await test.http.get('/stories/russia-ukraine-standoff').set(asEditor).set('If-None-Match', '"1"').expect(200);
    expect(moved.body.revision).toBe(2);
  });
});
