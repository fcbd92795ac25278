import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import type { StoryDocument } from '@story-tracker/domain';
import type { EventStore } from '@story-tracker/event-store';
import supertest from 'supertest';
import { createApp } from '../apps/api/src/app.factory';
import type { TokenGrant } from '../apps/api/src/auth/token-registry';
import { seedDemoStory, seedDemoStoryOnFirstStart } from '../apps/api/src/seed/demo-story.seeder';
import { MACRON_MOSCOW_STORY } from '../apps/api/src/seed/macron-moscow.story';
import { loadConfig, seedsDemoStoryOnStart, type AppConfig, EVENT_STORE } from '@story-tracker/runtime';

const READER = 'reporter-token-for-seed-tests';
const TOKENS: TokenGrant[] = [
  { token: 'editor-token-for-seed-tests', actor: 'alice', roles: ['editor'] },
  { token: READER, actor: 'rita', roles: ['reporter'] },
];
const SLUG = 'russia-ukraine-standoff';

function testConfig(dataDir: string): AppConfig {
  return loadConfig({ EVENT_STORE: 'memory', DATA_DIR: dataDir, SEED_DEMO_STORY: 'false', LOG_LEVEL: 'silent', AUTH_TOKENS: JSON.stringify(TOKENS) });
}

async function startApp(): Promise<{ app: NestFastifyApplication; config: AppConfig; close: () => Promise<void> }> {
  const dataDir = mkdtempSync(join(tmpdir(), 'story-seed-'));
  const config = testConfig(dataDir);
  const app = await createApp(config, TOKENS);
  return {
    app,
    config,
    close: async () => {
      await app.close();
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
}

const values = <T>(collection: Readonly<Record<string, T>>): T[] => Object.values(collection);

describe('seeding the demo story', () => {
  let app: NestFastifyApplication;
  let close: () => Promise<void>;
  let story: StoryDocument;

  beforeAll(async () => {
    ({ app, close } = await startApp());
    const report = await seedDemoStory(app);
    expect(report).toMatchObject({ storyId: SLUG, seeded: true, steps: MACRON_MOSCOW_STORY.steps.length });
    const response = await supertest(app.getHttpServer()).get(`/stories/${SLUG}`).set('authorization', `Bearer ${READER}`).expect(200);
    story = response.body as StoryDocument;
    expect(response.headers['etag']).toBe(`"${report.revision}"`);
  });

  afterAll(() => close());

  it('is published, with the revised headline, by the seed actor', () => {
    expect(story).toMatchObject({ id: SLUG, status: 'published', updatedBy: 'seed' });
    expect(story.headline).toMatch(/^Macron and Putin hold Kremlin talks/);
    expect(story.tags).toEqual(expect.arrayContaining(['russia', 'ukraine', 'nato']));
  });

  it('shows the revised troop estimate, superseding the earlier 92,000', () => {
    const russia = values(story.troopEstimates).filter((estimate) => estimate.force === 'Russia');
    expect(russia).toHaveLength(1);
    expect(russia[0]).toMatchObject({ count: 100000, qualifier: 'more-than', capabilityShare: 70, source: { name: expect.stringMatching(/US officials/) } });
    expect(russia[0]!.supersedes).toEqual(expect.any(String));
    expect(russia[0]!.supersedes).not.toBe(russia[0]!.developmentId);
  });

  it('has the Macron–Putin meeting held, and the Normandy-format rounds', () => {
    const meetings = values(story.meetings);
    expect(meetings).toContainEqual(
      expect.objectContaining({ participants: ['Emmanuel Macron', 'Vladimir Putin'], scheduledFor: '2022-02-07', status: 'held', outcome: expect.any(String) }),
    );
    expect(meetings).toContainEqual(expect.objectContaining({ location: 'Paris', scheduledFor: '2022-01-26', status: 'held' }));
    expect(meetings).toContainEqual(expect.objectContaining({ location: 'Berlin', status: 'scheduled' }));
    const scholz = meetings.filter((meeting) => meeting.participants.includes('Olaf Scholz'));
    expect(scholz.map((meeting) => meeting.scheduledFor).sort()).toEqual(['2022-02-07', '2022-02-14', '2022-02-15']);
  });

  it("has Russia's demands on NATO, each rejected by the United States and NATO", () => {
    const demands = values(story.demands);
    expect(demands.length).toBeGreaterThanOrEqual(1);
    for (const demand of demands) {
      expect(demand).toMatchObject({ by: 'Russia', status: 'rejected' });
      expect(demand.rejectedBy).toEqual(expect.arrayContaining(['United States', 'NATO']));
    }
  });

  it('has the statements, the denial, the deployment and the notes', () => {
    const statements = values(story.statements) as unknown as { speaker: string; outlet?: string }[];
    expect(statements).toContainEqual(expect.objectContaining({ speaker: 'Emmanuel Macron', outlet: 'Journal du Dimanche' }));
    expect(statements).toContainEqual(expect.objectContaining({ speaker: 'Jake Sullivan', outlet: 'Fox News' }));
    expect(statements).toContainEqual(expect.objectContaining({ speaker: 'White House' }));
    const [denial] = values(story.denials) as unknown as { by: string; of?: string }[];
    expect(denial).toMatchObject({ by: 'Russia' });
    expect(Object.keys(story.statements)).toContain(denial!.of);
    expect(values(story.deployments)).toContainEqual(expect.objectContaining({ force: 'US troops', count: 3000 }));
    const notes = values(story.notes).map((note) => (note as unknown as { text: string }).text);
    expect(notes).toEqual(expect.arrayContaining([expect.stringMatching(/Pripyat/), expect.stringMatching(/Poland/)]));
  });

  it('reads like copy in its revision history: no doubled words, no nested parentheses, no repeated source', async () => {
    const response = await supertest(app.getHttpServer()).get(`/stories/${SLUG}/revisions?limit=100`).set('authorization', `Bearer ${READER}`).expect(200);
    const descriptions = (response.body.items as { description: string }[]).map((item) => item.description);
    expect(descriptions).toEqual(
      expect.arrayContaining([
        "Deployment: 3,000 US troops to NATO's eastern flank",
        'Troop estimate for Russia near the Ukrainian border: about 92,000 → more than 100,000, 70% of the capability needed (US officials, Reuters)',
        'Meeting of Scholz and the Ukrainian government in Kyiv scheduled for 2022-02-14, topic: Visit by the German chancellor during the stand-off',
        'Meeting Macron – Putin in the Kremlin, Moscow: scheduled → held; outcome: More than five hours of talks; no breakthrough was announced',
        'Demand by Russia “Pull NATO forces back out of Eastern Europe”: open → rejected by the United States and NATO',
      ]),
    );
    for (const description of descriptions) {
      const source = /\(([^()]+)\)$/.exec(description)?.[1];
      expect({
        description,
        doubledWord: /\b(\w+) \1\b/i.test(description),
        nestedParentheses: /\([^)]*\(/.test(description),
        straightQuotesInAQuote: /“[^”]*"/.test(description),
        sourceNamedTwice: source !== undefined && description.slice(0, -source.length - 2).includes(source),
      }).toEqual({ description, doubledWord: false, nestedParentheses: false, straightQuotesInAQuote: false, sourceNamedTwice: false });
    }
  });

  it('appends nothing when run again', async () => {
    const store = app.get<symbol, EventStore>(EVENT_STORE);
    const head = await store.headPosition();
    const again = await seedDemoStory(app);
    expect(again).toEqual({ storyId: SLUG, seeded: false, revision: story.revision, steps: 0 });
    expect(await store.headPosition()).toBe(head);
    const response = await supertest(app.getHttpServer()).get(`/stories/${SLUG}`).set('authorization', `Bearer ${READER}`).expect(200);
    expect(response.body.revision).toBe(story.revision);
  });
});

describe('seeding on first start', () => {
  let app: NestFastifyApplication;
  let config: AppConfig;
  let close: () => Promise<void>;

  beforeAll(async () => ({ app, config, close } = await startApp()));
  afterAll(() => close());

  it('does nothing with SEED_DEMO_STORY=false, seeds an empty store, and leaves a non-empty one alone', async () => {
    const store = app.get<symbol, EventStore>(EVENT_STORE);
    expect(await seedDemoStoryOnFirstStart(app, config)).toBeUndefined();
    expect(await store.headPosition()).toBe(0);

    const seeded = await seedDemoStoryOnFirstStart(app, { ...config, SEED_DEMO_STORY: true });
    expect(seeded).toMatchObject({ seeded: true });
    const head = await store.headPosition();
    expect(await seedDemoStoryOnFirstStart(app, { ...config, SEED_DEMO_STORY: true })).toBeUndefined();
    expect(await store.headPosition()).toBe(head);
  });

  it('reads SEED_DEMO_STORY as on by default on the embedded store, off on a server store, and refuses a value that is not a clear yes or no', () => {
    expect(seedsDemoStoryOnStart(loadConfig({}))).toBe(true);
    expect(seedsDemoStoryOnStart(loadConfig({ EVENT_STORE: 'postgres', POSTGRES_URL: 'postgres://app@db/news' }))).toBe(false);
    expect(loadConfig({ SEED_DEMO_STORY: 'false' }).SEED_DEMO_STORY).toBe(false);
    expect(loadConfig({ SEED_DEMO_STORY: '0' }).SEED_DEMO_STORY).toBe(false);
    expect(loadConfig({ SEED_DEMO_STORY: 'true' }).SEED_DEMO_STORY).toBe(true);
    expect(() => loadConfig({ SEED_DEMO_STORY: 'nope' })).toThrow(/SEED_DEMO_STORY must be true, false, 1 or 0/);
  });
});
