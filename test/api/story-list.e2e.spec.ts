import { asEditor, asReporter, openStory, startTestApp, type TestApp } from '../support/test-app';

describe('GET /stories', () => {
  let test: TestApp;
  beforeAll(async () => {
    test = await startTestApp();
    await openStory(test, 'russia-ukraine-standoff', { summary: 'Macron in the Kremlin', tags: ['russia', 'nato'] });
    await openStory(test, 'scholz-in-washington', { headline: 'Scholz meets Biden', tags: ['germany'] });
    await openStory(test, 'pripyat-drills', { headline: 'Drills in Pripyat', tags: ['ukraine'] });
    await test.http.post('/stories/russia-ukraine-standoff/developments').set(asEditor).send({ type: 'note', text: 'update' }).expect(201);
  });
  afterAll(() => test.close());

  it('lists stories newest change first, with id, headline, status, revision and updatedAt', async () => {
    const response = await test.http.get('/stories').set(asReporter).expect(200);
    expect(response.body.items.map((item: { id: string }) => item.id)).toEqual(['russia-ukraine-standoff', 'pripyat-drills', 'scholz-in-washington']);
    expect(response.body.items[0]).toMatchObject({ id: 'russia-ukraine-standoff', headline: 'Macron heads to Moscow', status: 'draft', revision: 2, updatedAt: expect.any(String) });
    expect(response.body.nextCursor).toBeNull();
  });

  it('filters by tag and by text in headline or summary, case-insensitively', async () => {
    const byTag = await test.http.get('/stories?tag=NATO').set(asReporter).expect(200);
    expect(byTag.body.items.map((item: { id: string }) => item.id)).toEqual(['russia-ukraine-standoff']);
    const byText = await test.http.get('/stories?q=kremlin').set(asReporter).expect(200);
    expect(byText.body.items.map((item: { id: string }) => item.id)).toEqual(['russia-ukraine-standoff']);
    const literal = await test.http.get('/stories?q=%25').set(asReporter).expect(200);
    expect(literal.body.items).toEqual([]);
  });

  it('pages with limit and cursor', async () => {
    const first = await test.http.get('/stories?limit=2').set(asReporter).expect(200);
    expect(first.body.items).toHaveLength(2);
    const second = await test.http.get(`/stories?limit=2&cursor=${first.body.nextCursor}`).set(asReporter).expect(200);
    expect(second.body.items.map((item: { id: string }) => item.id)).toEqual(['scholz-in-washington']);
    expect(second.body.nextCursor).toBeNull();
  });

  it.each(['limit=0', 'limit=101', 'limit=ten', 'cursor=bogus', 'colour=red'])('answers 400 to ?%s', async (query) => {
    const response = await test.http.get(`/stories?${query}`).set(asReporter).expect(400);
    expect(response.body.code).toBe('ValidationFailed');
  });
});
