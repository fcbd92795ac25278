import Database from 'better-sqlite3';
import { InMemoryEventStore, type NewEvent } from '@story-tracker/event-store';
import { ProjectionRunner } from '../runner/projection-runner';
import { onStory, onStream, projectionSpec } from '../testing/projection-spec';
import { StoryListProjection } from './story-list.projection';
import { StoryListQuery } from './story-list.query';

const at = (minute: number) => ({ actor: 'alice', recordedAt: new Date(Date.UTC(2022, 1, 7, 8, minute)).toISOString(), schemaVersion: 2 });
const opened = (storyId: string, minute: number, tags: string[] = []): NewEvent => ({
  type: 'StoryOpened',
  data: { storyId, headline: `Headline of ${storyId}`, summary: `Summary of ${storyId}`, tags },
  metadata: at(minute),
});

const storyList = () => {
  const db = new Database(':memory:');
  const query = new StoryListQuery(db);
  return { projection: new StoryListProjection(db), read: () => query.page({ limit: 10 }).items };
};

describe('the story list projection, events in and rows out', () => {
  it('opens a draft row with the story\'s headline, summary and tags', () => {
    projectionSpec(storyList)
      .given(onStory('a', opened('a', 0, ['nato'])))
      .then((rows) =>
        expect(rows).toEqual([
          { id: 'a', headline: 'Headline of a', summary: 'Summary of a', tags: ['nato'], status: 'draft', revision: 1, createdAt: at(0).recordedAt, updatedAt: at(0).recordedAt, updatedBy: 'alice' },
        ]),
      );
  });

  it('follows headline, summary and tag changes, publishing and archiving', () => {
    const story = projectionSpec(storyList).given(onStory('a', opened('a', 0)));
    story
      .when(
        onStory(
          'a',
          { type: 'HeadlineRevised', data: { headline: 'New headline' }, metadata: at(1) },
          { type: 'SummaryRevised', data: { summary: 'New summary' }, metadata: at(2) },
          { type: 'TagsChanged', data: { tags: ['france', 'russia'] }, metadata: { ...at(3), actor: 'bob' } },
          { type: 'StoryPublished', data: {}, metadata: at(4) },
        ),
      )
      .then((rows) =>
        expect(rows).toEqual([
          expect.objectContaining({ headline: 'New headline', summary: 'New summary', tags: ['france', 'russia'], status: 'published', revision: 5, updatedAt: at(4).recordedAt, updatedBy: 'alice' }),
        ]),
      );
    story.when(onStory('a', { type: 'StoryArchived', data: {}, metadata: at(5) })).then(([row]) => expect(row).toMatchObject({ status: 'archived', revision: 6 }));
  });

  it('moves a story that changed to the top of the list, and keeps its checkpoint with the rows', () => {
    const spec = projectionSpec(storyList)
      .given(onStory('a', opened('a', 0)), onStory('b', opened('b', 1)))
      .when(onStory('a', { type: 'NoteAdded', data: { developmentId: 'n1', text: 'A note' }, metadata: at(2) }));
    spec.then((rows) => expect(rows.map((row) => [row.id, row.revision])).toEqual([['a', 2], ['b', 1]]));
    spec.thenCheckpoint(3);
  });

  it('leaves streams that are not stories alone, but counts them in its checkpoint', () => {
    const spec = projectionSpec(storyList).given(onStream('other-thing', { type: 'Whatever', data: {}, metadata: at(0) }), onStory('a', opened('a', 1)));
    spec.then((rows) => expect(rows.map((row) => row.id)).toEqual(['a']));
    spec.thenCheckpoint(2);
  });
});

describe('the story list projection fed by its runner', () => {
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
