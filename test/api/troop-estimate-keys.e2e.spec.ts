import { asReporter, openStory, recordDevelopment, startTestApp, troops, type TestApp } from '../support/test-app';

const STORY = '/stories/key-separator-story';

/**
 * Issue 9: a force or location holding the key separator. "A|B" at "C" and "A" at "B|C" once shared
 * the key `A|B|C`, so the second replaced the first and read "8 → 9".
 */
describe('troop estimates whose force or location holds a "|"', () => {
  let test: TestApp;
  let first: string;
  let second: string;
  beforeAll(async () => {
    test = await startTestApp();
    await openStory(test, 'key-separator-story'); // 1
    first = await recordDevelopment(test, 'key-separator-story', troops(8, { force: 'A|B', location: 'C' })); // 2
    second = await recordDevelopment(test, 'key-separator-story', troops(9, { force: 'A', location: 'B|C' })); // 3
  });
  afterAll(() => test.close());

  it('shows two entries in the state, each keyed by its own escaped force and location', async () => {
    const { body } = await test.http.get(STORY).set(asReporter).expect(200);
    expect(body.troopEstimates).toEqual({
      'A\\|B|C': expect.objectContaining({ developmentId: first, force: 'A|B', location: 'C', count: 8 }),
      'A|B\\|C': expect.objectContaining({ developmentId: second, force: 'A', location: 'B|C', count: 9 }),
    });
    expect(body.troopEstimates['A|B\\|C']).not.toHaveProperty('supersedes');
  });

  it('diffs the second as an added entry at its own path, replacing nothing', async () => {
    const { body } = await test.http.get(`${STORY}/diff?from=2&to=3`).set(asReporter).expect(200);
    const estimates = body.changes.filter((change: { path: string }) => change.path.startsWith('/troopEstimates/'));
    expect(estimates).toEqual([{ op: 'add', path: '/troopEstimates/A|B\\|C', after: expect.objectContaining({ developmentId: second, count: 9 }) }]);
    expect(body.descriptions).toEqual(['Troop estimate for A in B|C: 9']);
  });

  it('describes each estimate as a first figure in the revisions', async () => {
    const { body } = await test.http.get(`${STORY}/revisions?from=2`).set(asReporter).expect(200);
    expect(body.items.map((item: { description: string }) => item.description)).toEqual(['Troop estimate for A|B in C: 8', 'Troop estimate for A in B|C: 9']);
  });
});
