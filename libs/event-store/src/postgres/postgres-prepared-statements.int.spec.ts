import type { Pool } from 'pg';
import type { StoredEvent } from '../event-store.port';
import { openPostgresEventStore, type PostgresEventStore } from './postgres-event-store';
import { describeWithPostgres } from './testing/describe-with-postgres';

const event = (type: string, data: unknown = {}) => ({ type, data, metadata: { actor: 'reporter-1' } });

async function collect(events: AsyncIterable<StoredEvent>): Promise<StoredEvent[]> {
  const all: StoredEvent[] = [];
  for await (const stored of events) all.push(stored);
  return all;
}

/**
 * What the server holds prepared on the store's one connection. The test reaches into the pool (a
 * private field) because a session's prepared statements are visible only to that session.
 */
async function preparedOnTheConnection(store: PostgresEventStore): Promise<string[]> {
  const pool = (store as unknown as { pool: Pool }).pool;
  const { rows } = await pool.query<{ name: string }>('SELECT name FROM pg_prepared_statements ORDER BY name');
  return rows.map(({ name }) => name);
}

/** The reads a GET, a follower and a retried write make, twice over with other values. */
async function readAsTheApiDoes(store: PostgresEventStore): Promise<void> {
  for (const stream of ['story-1', 'story-2']) {
    await store.streamRevision(stream);
    await collect(store.readStream(stream, { fromRevision: 1 }));
    await store.findIdempotency('editor-1', `key-${stream}`);
  }
  await store.readAll(0, 10);
  await store.readAll(1, 10);
  await store.snapshots.marks('story-1', 'v1');
}

describeWithPostgres('PostgreSQL prepared statements', (cluster) => {
  let store: PostgresEventStore | undefined;
  afterEach(async () => {
    await store?.close();
    store = undefined;
  });

  it('prepares each statement it runs again and again once per connection, and answers as unprepared', async () => {
    store = await openPostgresEventStore({ connectionString: await cluster().createDatabase(), poolSize: 1 });
    await store.append('story-1', [event('Opened', { headline: 'Troops gather' }), event('Revised', { count: 92_000 })], { expectedRevision: 0 });
    await store.append('story-2', [event('Opened', { headline: 'Talks in Moscow' })], { expectedRevision: 0 });

    await readAsTheApiDoes(store);

    expect(await preparedOnTheConnection(store)).toEqual([
      'story-tracker/idempotency-key',
      'story-tracker/log-after',
      'story-tracker/snapshot-marks',
      'story-tracker/stream-page',
      'story-tracker/stream-revision',
    ]);
    // The same statements with other values give each call its own answer.
    expect(await store.streamRevision('story-1')).toBe(2);
    expect(await store.streamRevision('story-2')).toBe(1);
    expect(await store.streamRevision('story-3')).toBe(0);
    expect((await collect(store.readStream('story-1', { fromRevision: 2 }))).map(({ data }) => data)).toEqual([{ count: 92_000 }]);
    expect((await store.readAll(1, 10)).map(({ streamId, revision }) => `${streamId}@${revision}`)).toEqual(['story-1@2', 'story-2@1']);
  });

  it('prepares nothing with preparedStatements false (behind a pooler that cannot keep them)', async () => {
    store = await openPostgresEventStore({ connectionString: await cluster().createDatabase(), poolSize: 1, preparedStatements: false });
    await store.append('story-1', [event('Opened', { headline: 'Troops gather' })], { expectedRevision: 0 });

    await readAsTheApiDoes(store);

    expect(await preparedOnTheConnection(store)).toEqual([]);
    expect(await store.streamRevision('story-1')).toBe(1);
  });
});
