import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type Database from 'better-sqlite3';
import { openSqliteEventStore, type NewEvent, type SqliteEventStore } from '@story-tracker/event-store';
import { openReadModelDatabase } from '../read-model-database';
import { ProjectionRunner } from '../runner/projection-runner';
import { StoryListProjection } from './story-list.projection';

/** A newsroom's history on real SQLite files: several stories interleaved, every event type the list reads. */
function history(): { streamId: string; event: NewEvent }[] {
  const out: { streamId: string; event: NewEvent }[] = [];
  let minute = 0;
  const meta = (actor: string, schemaVersion = 2) => ({ actor, recordedAt: new Date(Date.UTC(2022, 1, 7, 8, minute++)).toISOString(), schemaVersion });
  const stories = ['kyiv', 'minsk', 'geneva', 'paris'];
  // One story written before schema version 2: its StoryOpened has a title, which the upcaster names headline.
  out.push({ streamId: 'story-old', event: { type: 'StoryOpened', data: { storyId: 'old', title: 'Written in v1' }, metadata: meta('v1-editor', 1) } });
  for (const [index, id] of stories.entries()) {
    out.push({ streamId: `story-${id}`, event: { type: 'StoryOpened', data: { storyId: id, headline: `Headline ${id}`, summary: `Summary ${id}`, tags: [id] }, metadata: meta('alice') } });
    if (index % 2 === 0) out.push({ streamId: 'other-stream', event: { type: 'Whatever', data: { n: index }, metadata: meta('system') } });
  }
  for (let round = 0; round < 30; round++) {
    for (const [index, id] of stories.entries()) {
      const streamId = `story-${id}`;
      const actor = ['alice', 'bob', 'carol'][(round + index) % 3]!;
      const step = (round * 7 + index * 3) % 11;
      const event: NewEvent =
        step === 0 ? { type: 'HeadlineRevised', data: { headline: `Headline ${id} ${round}` }, metadata: meta(actor) }
        : step === 1 ? { type: 'SummaryRevised', data: { summary: `Summary ${id} ${round}` }, metadata: meta(actor) }
        : step === 2 ? { type: 'TagsChanged', data: { tags: [id, `round-${round}`] }, metadata: meta(actor) }
        : step === 3 && round > 5 ? { type: 'StoryPublished', data: {}, metadata: meta(actor) }
        : step === 4 && round > 25 && id === 'paris' ? { type: 'StoryArchived', data: {}, metadata: meta(actor) }
        : { type: 'NoteAdded', data: { developmentId: `n-${id}-${round}`, text: `Note ${round}` }, metadata: meta(actor) };
      out.push({ streamId, event });
    }
  }
  return out;
}

describe('the story list rebuilt from the whole store', () => {
  let folder: string;
  let store: SqliteEventStore;
  const open: Database.Database[] = [];
  const readModel = (name: string) => {
    const db = openReadModelDatabase(join(folder, `${name}.sqlite`));
    open.push(db);
    return db;
  };
  const rows = (db: Database.Database) => db.prepare('SELECT * FROM story_list ORDER BY id').all();

  beforeEach(() => {
    folder = mkdtempSync(join(tmpdir(), 'story-list-rebuild-'));
    store = openSqliteEventStore({ file: join(folder, 'events.sqlite') });
  });
  afterEach(async () => {
    for (const db of open.splice(0)) db.close();
    await store.close();
    rmSync(folder, { recursive: true, force: true });
  });

  /** The read model as it is built event by event, while the newsroom writes (one append, one batch). */
  async function builtIncrementally(): Promise<Database.Database> {
    const db = readModel('incremental');
    const runner = new ProjectionRunner(store, [new StoryListProjection(db)]);
    await runner.start();
    for (const { streamId, event } of history()) {
      const { positions } = await store.append(streamId, [event], { expectedRevision: 'any' });
      await runner.waitFor(positions[0]!);
    }
    await runner.stop();
    return db;
  }

  it.each([
    ['in the default batches', undefined],
    ['in batches of 7 that cut stories in the middle', 7],
  ])('equals the one built event by event, %s', async (_, batchSize) => {
    const incremental = await builtIncrementally();
    const rebuilt = readModel(`rebuilt-${batchSize ?? 'default'}`);
    const projection = new StoryListProjection(rebuilt);
    const runner = new ProjectionRunner(store, [projection], batchSize === undefined ? {} : { batchSize });
    await runner.start();
    await runner.stop();

    expect(rows(rebuilt)).toEqual(rows(incremental));
    expect(rows(rebuilt)).toHaveLength(5);
    expect(rows(rebuilt)).toContainEqual(expect.objectContaining({ id: 'old', headline: 'Written in v1', summary: '', tags: '[]', updated_by: 'v1-editor' }));
    expect(projection.checkpoint()).toBe(await store.headPosition());
  });

  it('logs its progress during a long catch-up, then a last line with the total and the rate', async () => {
    for (const { streamId, event } of history()) await store.append(streamId, [event], { expectedRevision: 'any' });
    const head = await store.headPosition();
    const lines: { fields: Readonly<Record<string, unknown>>; message: string }[] = [];
    const runner = new ProjectionRunner(store, [new StoryListProjection(readModel('logged'))], {
      batchSize: 10,
      log: { info: (fields, message) => lines.push({ fields, message }) },
      progress: { threshold: 50, intervalMs: 0 },
    });
    await runner.start();
    await runner.stop();

    expect(lines[0]).toEqual({ message: 'Read models catching up with the event store', fields: expect.objectContaining({ eventsTotal: head }) });
    const progress = lines.filter((line) => line.message === 'Read models catching up');
    expect(progress.length).toBeGreaterThan(5);
    for (const line of progress) {
      expect(line.fields).toEqual(expect.objectContaining({ eventsDone: expect.any(Number), eventsTotal: head, eventsPerSecond: expect.any(Number) }));
    }
    expect(progress.map((line) => line.fields['eventsDone'])).toEqual([...progress.map((line) => line.fields['eventsDone'] as number)].sort((a, b) => a - b));
    expect(lines.at(-1)).toEqual({ message: 'Read models caught up', fields: expect.objectContaining({ eventsDone: head, eventsTotal: head, eventsPerSecond: expect.any(Number) }) });
  });

  it('lets the event loop turn between full batches, so a long catch-up does not hold up timers and I/O (its log lines among them)', async () => {
    for (const { streamId, event } of history().slice(0, 100)) await store.append(streamId, [event], { expectedRevision: 'any' });
    let position = 0;
    let batches = 0;
    let batchesBeforeTheEventLoopTurned: number | undefined;
    const counting = { name: 'counting', checkpoint: () => position, apply: (events: readonly { globalPosition: number }[]) => { batches += 1; position = events.at(-1)!.globalPosition; } };
    const runner = new ProjectionRunner(store, [counting], { batchSize: 10 });
    setImmediate(() => (batchesBeforeTheEventLoopTurned = batches));
    await runner.start();
    await runner.stop();
    expect(batches).toBe(10);
    expect(batchesBeforeTheEventLoopTurned).toBeLessThan(3);
  });

  it('says nothing when what it has to catch up with is short', async () => {
    for (const { streamId, event } of history().slice(0, 20)) await store.append(streamId, [event], { expectedRevision: 'any' });
    const lines: string[] = [];
    const runner = new ProjectionRunner(store, [new StoryListProjection(readModel('quiet'))], { log: { info: (_, message) => lines.push(message) }, progress: { threshold: 50 } });
    await runner.start();
    await runner.stop();
    expect(lines).toEqual([]);
  });
});
