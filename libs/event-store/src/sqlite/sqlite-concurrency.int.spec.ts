import { WrongExpectedRevisionError } from '../event-store.errors';
import type { StoredEvent } from '../event-store.port';
import { verifyChain } from '../chain/verify-chain';
import { openSqliteEventStore, type SqliteEventStore } from './sqlite-event-store';
import { raceWorkers } from './testing/race-workers';
import { TempDatabase } from './testing/temp-database';

const opened = (temp: TempDatabase) => {
  const store = openSqliteEventStore({ file: temp.file });
  temp.onRemove(() => store.close());
  return store;
};

async function readAllOf(store: SqliteEventStore, streamId: string): Promise<StoredEvent[]> {
  const events: StoredEvent[] = [];
  for await (const event of store.readStream(streamId)) events.push(event);
  return events;
}

describe('SqliteEventStore with several writers on one file', () => {
  let temp: TempDatabase;
  beforeEach(() => {
    temp = new TempDatabase();
  });
  afterEach(() => temp.remove());

  it('refuses a writer that read the stream before another instance appended to it', async () => {
    const first = opened(temp);
    const second = opened(temp);
    await first.append('story-1', [{ type: 'StoryOpened', data: {}, metadata: {} }], { expectedRevision: 0 });
    const seenByFirst = await first.streamRevision('story-1');

    await second.append('story-1', [{ type: 'StoryRetitled', data: {}, metadata: {} }], { expectedRevision: 1 });

    await expect(
      first.append('story-1', [{ type: 'StoryArchived', data: {}, metadata: {} }], { expectedRevision: seenByFirst }),
    ).rejects.toMatchObject({ name: 'WrongExpectedRevisionError', expectedRevision: 1, actualRevision: 2 });
    expect(await first.streamRevision('story-1')).toBe(2);
  });

  it("seals on the head the file has: after another instance's write, one batch commits an 'any' append on it and refuses only the stale expected revision", async () => {
    const mine = opened(temp);
    const theirs = opened(temp);
    for (const story of ['story-1', 'story-2']) await mine.append(story, [{ type: 'StoryOpened', data: {}, metadata: {} }], { expectedRevision: 0 });
    await theirs.append('story-2', [{ type: 'Noted', data: { by: 'them' }, metadata: {} }], { expectedRevision: 1 });
    const batches: string[][] = [];
    const stop = mine.onAppended((events) => batches.push(events.map((stored) => `${stored.streamId}@${stored.revision}`)));
    try {
      // Submitted in one turn of the event loop: one batch.
      const [written, any, stale] = await Promise.allSettled([
        mine.append('story-1', [{ type: 'Noted', data: {}, metadata: {} }], { expectedRevision: 1 }),
        mine.append('story-2', [{ type: 'Noted', data: { by: 'me' }, metadata: {} }], { expectedRevision: 'any' }),
        mine.append('story-2', [{ type: 'Noted', data: { by: 'me, late' }, metadata: {} }], { expectedRevision: 1 }),
      ]);
      expect(written).toMatchObject({ status: 'fulfilled', value: { nextRevision: 2 } });
      expect(any).toMatchObject({ status: 'fulfilled', value: { nextRevision: 3 } });
      expect(stale).toMatchObject({ status: 'rejected', reason: { name: 'WrongExpectedRevisionError', expectedRevision: 1, actualRevision: 3 } });
    } finally {
      stop();
    }
    expect(batches).toEqual([['story-1@2'], ['story-2@3']]);
    const story2 = await readAllOf(mine, 'story-2');
    expect(story2.map((stored) => stored.data)).toEqual([{}, { by: 'them' }, { by: 'me' }]);
    expect(await verifyChain(story2)).toEqual({ verified: true, events: 3 });
    // The listeners were handed the events as stored: their hashes are the file's.
    expect((await readAllOf(theirs, 'story-2'))[2]!.hash).toBe(story2[2]!.hash);
  });

  it('lets exactly one of two instances win when both append with the same expected revision', async () => {
    const stores = [opened(temp), opened(temp)];

    const outcomes = await Promise.allSettled(
      Array.from({ length: 10 }, (_, writer) =>
        stores[writer % 2]!.append('story-1', [{ type: 'Raced', data: { writer }, metadata: {} }], {
          expectedRevision: 0,
        }),
      ),
    );

    expect(outcomes.filter((outcome) => outcome.status === 'fulfilled')).toHaveLength(1);
    for (const outcome of outcomes.filter((outcome) => outcome.status === 'rejected')) {
      expect((outcome as PromiseRejectedResult).reason).toBeInstanceOf(WrongExpectedRevisionError);
    }
    expect(await stores[0]!.streamRevision('story-1')).toBe(1);
    expect(await stores[1]!.streamRevision('story-1')).toBe(1);
  });

  it('loses no update when threads race read-then-append on one stream', async () => {
    const outcomes = await raceWorkers({
      file: temp.file,
      streamId: 'story-1',
      workers: 4,
      attemptsPerWorker: 40,
      mode: 'read-then-append',
    });

    expect(outcomes.flatMap((outcome) => outcome.failures)).toEqual([]);
    const won = outcomes.reduce((sum, outcome) => sum + outcome.won, 0);
    const conflicts = outcomes.reduce((sum, outcome) => sum + outcome.conflicts, 0);
    // The threads did collide (otherwise this test proves nothing), and every attempt is accounted for.
    expect(conflicts).toBeGreaterThan(0);
    expect(won + conflicts).toBe(4 * 40);
    const store = opened(temp);
    const events = await readAllOf(store, 'story-1');
    expect(events).toHaveLength(won);
    // Every event was decided on exactly the revision it follows: no writer overwrote another.
    for (const event of events) expect((event.data as { seen: number }).seen).toBe(event.revision - 1);
    expect(await verifyChain(events)).toEqual({ verified: true, events: won });
  });

  it("gives threads appending with 'any' one unbroken chain of revisions", async () => {
    const outcomes = await raceWorkers({
      file: temp.file,
      streamId: 'story-1',
      workers: 4,
      attemptsPerWorker: 40,
      mode: 'any',
    });

    expect(outcomes.flatMap((outcome) => outcome.failures)).toEqual([]);
    expect(outcomes.map((outcome) => outcome.won)).toEqual([40, 40, 40, 40]);
    const store = opened(temp);
    const events = await readAllOf(store, 'story-1');
    expect(events.map((event) => event.revision)).toEqual(Array.from({ length: 160 }, (_, index) => index + 1));
    expect(await verifyChain(events)).toEqual({ verified: true, events: 160 });
    expect(await store.headPosition()).toBe(160);
  });

  it('lets several processes open a new file at the same moment (the first switch to WAL is retried, not failed)', async () => {
    const outcomes = await raceWorkers({ file: temp.file, streamId: 'story-1', workers: 6, attemptsPerWorker: 3, mode: 'any', openTogether: true });

    expect(outcomes.flatMap((outcome) => outcome.failures)).toEqual([]);
    expect(outcomes.reduce((sum, outcome) => sum + outcome.won, 0)).toBe(18);
  });
});
