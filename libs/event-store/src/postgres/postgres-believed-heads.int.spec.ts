import { Client } from 'pg';
import { verifyChain } from '../chain/verify-chain';
import { EventStoreUnavailableError, IdempotencyKeyTakenError, WrongExpectedRevisionError } from '../event-store.errors';
import type { StoredEvent } from '../event-store.port';
import { openPostgresEventStore, type PostgresEventStore } from './postgres-event-store';
import { describeWithPostgres } from './testing/describe-with-postgres';

const event = (type: string, data: unknown = {}) => ({ type, data, metadata: { actor: 'reporter-1' } });
const keyed = (key: string) => ({ scope: 'alice', key, fingerprint: 'f', status: 201, body: { ok: true } });

async function collect(events: AsyncIterable<StoredEvent>): Promise<StoredEvent[]> {
  const all: StoredEvent[] = [];
  for await (const stored of events) all.push(stored);
  return all;
}

/**
 * A batch whose streams' heads the instance believes it knows is sealed on them and sent in one round
 * trip (event_store_append_sealed); the server's checks under the locks must give every answer the
 * two-step path gives.
 */
describeWithPostgres('PostgresEventStore appends sealed on the heads it believes', (cluster) => {
  let url: string;
  let database: string;
  const opened: PostgresEventStore[] = [];
  const open = async () => {
    const store = await openPostgresEventStore({ connectionString: url });
    opened.push(store);
    return store;
  };
  const sql = <T extends Record<string, unknown>>(text: string, values: unknown[] = []) => cluster().sql<T>(text, database, values);

  beforeEach(async () => {
    url = await cluster().createDatabase();
    database = url.slice(url.lastIndexOf('/') + 1);
  });
  afterEach(async () => {
    await Promise.all(opened.splice(0).map((store) => store.close()));
  });

  it('sends the appends to a stream it wrote last in one round trip each, and locks and reads only for the first', async () => {
    const store = await open();
    await store.append('story-1', [event('Opened')], { expectedRevision: 0 });
    for (let revision = 1; revision <= 4; revision++) {
      await store.append('story-1', [event('Noted', { revision })], { expectedRevision: revision });
    }

    expect(store.appendBatches).toEqual({ sealed: 4, locked: 1 });
    const events = await collect(store.readStream('story-1'));
    expect(events.map((stored) => [stored.revision, stored.globalPosition])).toEqual([[1, 1], [2, 2], [3, 3], [4, 4], [5, 5]]);
    expect(await verifyChain(events)).toEqual({ verified: true, events: 5 });
  });

  it('refuses an append whose stream another instance moved with the real head, and believes that head from then on', async () => {
    const [mine, theirs] = [await open(), await open()];
    await mine.append('story-1', [event('Opened')], { expectedRevision: 0 });
    await theirs.append('story-1', [event('Noted')], { expectedRevision: 1 });

    const refused = await mine.append('story-1', [event('Noted')], { expectedRevision: 1 }).catch((error: unknown) => error);
    expect(refused).toBeInstanceOf(WrongExpectedRevisionError);
    expect(refused).toMatchObject({ expectedRevision: 1, actualRevision: 2 });
    await expect(mine.append('story-1', [event('Noted', { again: true })], { expectedRevision: 2 })).resolves.toMatchObject({ nextRevision: 3 });

    // Opened by the locking path; then sealed on 1, found stale on the server, read again under the
    // lock and refused; then sealed on 2 (the head the stale answer named), which held.
    expect(mine.appendBatches).toEqual({ sealed: 2, locked: 2 });
    expect(await verifyChain(mine.readStream('story-1'))).toEqual({ verified: true, events: 3 });
  });

  it('seals an append with any revision again on the head found when another instance moved the stream', async () => {
    const [mine, theirs] = [await open(), await open()];
    await mine.append('story-1', [event('Opened')], { expectedRevision: 0 });
    await theirs.append('story-1', [event('Noted', { by: 'them' })], { expectedRevision: 1 });

    await expect(mine.append('story-1', [event('Noted', { by: 'me' })], { expectedRevision: 'any' })).resolves.toMatchObject({ nextRevision: 3 });

    const events = await collect(mine.readStream('story-1'));
    expect(events.map((stored) => stored.data)).toEqual([{}, { by: 'them' }, { by: 'me' }]);
    expect(await verifyChain(events)).toEqual({ verified: true, events: 3 });
    // Opened by the locking path; sealed on revision 1, stale, and sealed again under the lock.
    expect(mine.appendBatches).toEqual({ sealed: 1, locked: 2 });
  });

  it('answers each append of a mixed batch on its own: written, sealed again, key taken, built on a refused one', async () => {
    const [mine, theirs] = [await open(), await open()];
    for (const story of ['story-1', 'story-2', 'story-3']) await mine.append(story, [event('Opened')], { expectedRevision: 0 });
    await theirs.append('story-2', [event('Noted', { by: 'them' })], { expectedRevision: 1 });
    await theirs.append('story-4', [event('Opened')], { expectedRevision: 0, idempotency: keyed('key-1') });

    // Submitted in one turn of the event loop: one batch.
    const answers = await Promise.allSettled([
      mine.append('story-1', [event('Noted')], { expectedRevision: 1 }),
      mine.append('story-2', [event('Noted', { by: 'me' })], { expectedRevision: 'any' }),
      mine.append('story-3', [event('Noted')], { expectedRevision: 1, idempotency: keyed('key-1') }),
      mine.append('story-3', [event('Noted', { built: 'on the refused one' })], { expectedRevision: 2 }),
    ]);

    expect(answers[0]).toMatchObject({ status: 'fulfilled', value: { nextRevision: 2 } });
    expect(answers[1]).toMatchObject({ status: 'fulfilled', value: { nextRevision: 3 } });
    expect(answers[2]).toMatchObject({ status: 'rejected', reason: expect.any(IdempotencyKeyTakenError) });
    expect(answers[3]).toMatchObject({ status: 'rejected', reason: expect.any(WrongExpectedRevisionError) });
    // Three opened by the locking path, the batch in one round trip, story-2 again by the locking path.
    expect(mine.appendBatches).toEqual({ sealed: 1, locked: 4 });
    expect(await mine.streamRevision('story-3')).toBe(1);
    const log = await mine.readAll(0, 100);
    expect(log.map((stored) => stored.globalPosition)).toEqual(log.map((_, index) => index + 1));
    for (const story of ['story-1', 'story-2', 'story-3']) expect(await verifyChain(mine.readStream(story))).toMatchObject({ verified: true });
    const kept = await sql<{ stream_id: string }>("SELECT stream_id FROM idempotency_keys WHERE scope = 'alice' AND key = 'key-1'");
    expect(kept).toEqual([{ stream_id: 'story-4' }]);
  });

  it('keeps the key of an append without events, and refuses the same key again in the same batch', async () => {
    const store = await open();
    await store.append('story-1', [event('Opened')], { expectedRevision: 0 });

    const answers = await Promise.allSettled([
      store.append('story-1', [], { expectedRevision: 1, idempotency: keyed('key-2') }),
      store.append('story-1', [event('Noted')], { expectedRevision: 1, idempotency: keyed('key-2') }),
    ]);

    expect(answers[0]).toMatchObject({ status: 'fulfilled', value: { nextRevision: 1, positions: [] } });
    expect(answers[1]).toMatchObject({ status: 'rejected', reason: expect.any(IdempotencyKeyTakenError) });
    expect(await sql("SELECT stream_id FROM idempotency_keys WHERE key = 'key-2'")).toEqual([{ stream_id: null }]);
    expect(await store.streamRevision('story-1')).toBe(1);
    expect(store.appendBatches).toEqual({ sealed: 1, locked: 1 });
  });

  it('has the server name each refusal itself: a head that moved, a key kept, an append built on one refused', async () => {
    const store = await open();
    await store.append('story-1', [event('Opened')], { expectedRevision: 0, idempotency: keyed('key-3') });
    const [head] = await collect(store.readStream('story-1'));
    const genesis = '0'.repeat(64);

    // As the store would send them, with one event for story-2: a stale head (a hash that is not the
    // head's), an append built on it, a kept key, a good one, and one built on a failure of an earlier batch.
    const rows = await sql<{ outcome: string; head_revision: number; first_position: string | null }>(
      `SELECT outcome, head_revision, first_position::text AS first_position FROM event_store_append_sealed(
        $1::text[], $2::integer[], $3::text[], $4::integer[], $5::integer[], $6::text[], $7::text[], $8::text[], $9::integer[], $10::json[],
        $11::integer[], $12::text[], $13::json[], $14::json[], $15::text[], $16::text[], $17::text, $18::text)`,
      [
        ['story-1', 'story-1', 'story-3', 'story-2', 'story-4'],
        [1, 1, 0, 0, 0],
        ['f'.repeat(64), 'f'.repeat(64), genesis, genesis, genesis],
        [null, 1, null, null, 0],
        [0, 0, 0, 1, 0],
        [null, null, 'alice', null, null],
        [null, null, 'key-3', null, null],
        [null, null, 'f', null, null],
        [null, null, 201, null, null],
        [null, null, '{}', null, null],
        [1],
        ['Opened'],
        ['{}'],
        ['{}'],
        ['a'.repeat(64)],
        [genesis],
        genesis,
        'story_tracker_events',
      ],
    );

    expect(rows).toEqual([
      { outcome: 'stale', head_revision: 1, first_position: null },
      { outcome: 'followed', head_revision: 1, first_position: null },
      { outcome: 'key-taken', head_revision: 0, first_position: null },
      { outcome: 'ok', head_revision: 1, first_position: '2' },
      { outcome: 'followed', head_revision: 0, first_position: null },
    ]);
    expect(head!.hash).not.toBe('f'.repeat(64));
    // A batch that does not hold together (an append with no head given, more events than counted) is refused whole.
    const call = `SELECT * FROM event_store_append_sealed(${Array.from({ length: 18 }, (_, index) => `$${index + 1}`).join(', ')})`;
    const one = (prevRevision: number | null, counted: number) => [['story-5'], [prevRevision], [genesis], [null], [counted], [null], [null], [null], [null], [null], [1], ['Opened'], ['{}'], ['{}'], ['b'.repeat(64)], [genesis], genesis, 'story_tracker_events'];
    await expect(sql(call, one(null, 1))).rejects.toThrow('does not hold together');
    await expect(sql(call, one(0, 0))).rejects.toThrow('does not hold together');
    expect(await sql('SELECT stream_id, revision, global_position::int AS position FROM events ORDER BY global_position')).toEqual([
      { stream_id: 'story-1', revision: 1, position: 1 },
      { stream_id: 'story-2', revision: 1, position: 2 },
    ]);
  });

  it('commits durably even where the server default is not to wait for the flush', async () => {
    await sql(`ALTER DATABASE ${database} SET synchronous_commit = off`);
    await open();
    const client = new Client({ connectionString: url });
    await client.connect();
    try {
      await client.query('BEGIN');
      expect((await client.query('SHOW synchronous_commit')).rows).toEqual([{ synchronous_commit: 'off' }]);
      const none = [[], [], [], [], [], [], [], [], [], [], [], [], [], [], [], [], '0'.repeat(64), 'story_tracker_events'];
      await client.query(`SELECT * FROM event_store_append_sealed(${none.map((_, index) => `$${index + 1}`).join(', ')})`, none);
      expect((await client.query('SHOW synchronous_commit')).rows).toEqual([{ synchronous_commit: 'on' }]);
      await client.query('ROLLBACK');
      // Set for its transaction only: the session is back to the database's default.
      expect((await client.query('SHOW synchronous_commit')).rows).toEqual([{ synchronous_commit: 'off' }]);
    } finally {
      await client.end();
    }
  });

  it('keeps the answers of the appends it committed when sealing a stale one again fails', async () => {
    const [mine, theirs] = [await open(), await open()];
    for (const story of ['story-1', 'story-2']) await mine.append(story, [event('Opened')], { expectedRevision: 0 });
    await theirs.append('story-2', [event('Noted', { by: 'them' })], { expectedRevision: 1 });
    // Another writer takes key-4 at this very moment, in a transaction it has not committed yet.
    const outside = new Client({ connectionString: url });
    await outside.connect();
    try {
      await outside.query('BEGIN');
      await outside.query(`INSERT INTO idempotency_keys (scope, key, fingerprint, status, body, stream_id) VALUES ('alice', 'key-4', 'g', 201, '{}', 'story-9')`);

      // One batch: story-1's append is written; story-2's is stale, and sealed again it waits on the key.
      const answers = Promise.allSettled([
        mine.append('story-1', [event('Noted')], { expectedRevision: 1 }),
        mine.append('story-2', [event('Noted', { by: 'me' })], { expectedRevision: 'any', idempotency: keyed('key-4') }),
      ]);
      await eventuallyWaiting();
      await outside.query('COMMIT');

      const [written, refused] = await answers;
      expect(written).toMatchObject({ status: 'fulfilled', value: { nextRevision: 2 } });
      expect(refused).toMatchObject({ status: 'rejected', reason: expect.any(IdempotencyKeyTakenError) });
      expect(await mine.streamRevision('story-1')).toBe(2);
      expect((await collect(mine.readStream('story-2'))).map((stored) => stored.data)).toEqual([{}, { by: 'them' }]);
    } finally {
      await outside.end();
    }

    async function eventuallyWaiting(): Promise<void> {
      for (const deadline = Date.now() + 5000; Date.now() < deadline; await new Promise((resolve) => setTimeout(resolve, 10))) {
        const waiting = await sql("SELECT 1 FROM pg_stat_activity WHERE wait_event_type = 'Lock' AND application_name = 'story-tracker'");
        if (waiting.length > 0) return;
      }
      throw new Error('The stale append never waited for the key');
    }
  });

  it('says nothing was written when the server gave up on the sealed batch (a statement timeout while it waited for a lock)', async () => {
    const store = await openPostgresEventStore({ connectionString: url, statementTimeoutMs: 300 });
    opened.push(store);
    await store.append('story-1', [event('Opened')], { expectedRevision: 0 });
    const outside = new Client({ connectionString: url });
    await outside.connect();
    try {
      await outside.query('BEGIN');
      await outside.query('SELECT pg_advisory_xact_lock(1400140800, hashtext($1))', ['story-1']);

      const error = await store.append('story-1', [event('Noted')], { expectedRevision: 1 }).catch((failure: unknown) => failure);

      expect(error).toBeInstanceOf(EventStoreUnavailableError);
      expect(error).toMatchObject({ outcomeUnknown: false });
      expect(store.appendBatches).toEqual({ sealed: 1, locked: 1 });
    } finally {
      await outside.query('ROLLBACK');
      await outside.end();
    }
    expect(await store.streamRevision('story-1')).toBe(1);
    // The belief was let go: the next append locks and reads first.
    await expect(store.append('story-1', [event('Noted')], { expectedRevision: 1 })).resolves.toMatchObject({ nextRevision: 2 });
    expect(store.appendBatches).toEqual({ sealed: 1, locked: 2 });
  });
});
