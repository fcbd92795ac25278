import Database from 'better-sqlite3';
import { InMemoryEventStore, type NewEvent } from '@story-tracker/event-store';
import { ProjectionRunner } from '../runner/projection-runner';
import { StoryListProjection } from './story-list.projection';
import { StoryListQuery } from './story-list.query';

const at = (minute: number) => ({ actor: 'alice', recordedAt: new Date(Date.UTC(2022, 1, 7, 8, minute)).toISOString(), schemaVersion: 2 });
const opened = (storyId: string, minute: number, tags: string[] = []): NewEvent => ({
  type: 'StoryOpened',
  data: { storyId, headline: `Headline of ${storyId}`, summary: `Summary of ${storyId}`, tags },
  metadata: at(minute),
});

describe('the story list projection', () => {
  let db: Database.Database;
  let store: InMemoryEventStore;
  let runner: ProjectionRunner;
  let projection: StoryListProjection;
  let query: StoryListQuery;

  beforeEach(async () => {
    db = new Database(':memory:');
    store = new InMemoryEventStore();
    projection = new StoryListProjection(db);
    query = new StoryListQuery(db);
    runner = new ProjectionRunner(store, [projection]);
    await runner.start();
  });
  afterEach(async () => {
    await runner.stop();
    db.close();
  });

  it('keeps one row per story with its latest headline, status, revision and change time, newest change first', async () => {
    await store.append('story-a', [opened('a', 0, ['nato'])], { expectedRevision: 0 });
    await store.append('story-b', [opened('b', 1)], { expectedRevision: 0 });
    const head = await store.append(
      'story-a',
      [
        { type: 'HeadlineRevised', data: { headline: 'New headline' }, metadata: at(2) },
        { type: 'StoryPublished', data: {}, metadata: at(3) },
      ],
      { expectedRevision: 1 },
    );
    await runner.waitFor(head.positions.at(-1)!);

    const page = query.page({ limit: 10 });
    expect(page.items).toEqual([
      { id: 'a', headline: 'New headline', summary: 'Summary of a', tags: ['nato'], status: 'published', revision: 3, createdAt: at(0).recordedAt, updatedAt: at(3).recordedAt, updatedBy: 'alice' },
      expect.objectContaining({ id: 'b', revision: 1, status: 'draft' }),
    ]);
    expect(projection.checkpoint()).toBe(4);
  });

  it('ignores streams that are not stories, and applies each event once', async () => {
    await store.append('other-thing', [{ type: 'Whatever', data: {}, metadata: at(0) }], { expectedRevision: 0 });
    await store.append('story-a', [opened('a', 1)], { expectedRevision: 0 });
    await runner.catchUp();
    await runner.catchUp();
    expect(query.page({ limit: 10 }).items.map((item) => item.id)).toEqual(['a']);
    expect(runner.position()).toBe(2);
  });

  it('catches up from its checkpoint when it starts again', async () => {
    await store.append('story-a', [opened('a', 0)], { expectedRevision: 0 });
    await runner.catchUp();
    await runner.stop();
    await store.append('story-b', [opened('b', 1)], { expectedRevision: 0 });
    const again = new ProjectionRunner(store, [new StoryListProjection(db)]);
    await again.start();
    expect(query.page({ limit: 10 }).items.map((item) => item.id)).toEqual(['b', 'a']);
    await again.stop();
  });
});
