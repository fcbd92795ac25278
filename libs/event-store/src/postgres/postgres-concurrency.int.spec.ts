import { Client } from 'pg';
import { verifyChain } from '../chain/verify-chain';
import { IdempotencyKeyTakenError, WrongExpectedRevisionError } from '../event-store.errors';
import type { StoredEvent } from '../event-store.port';
import { subscribeToAll } from '../subscription/subscribe-to-all';
import { openPostgresEventStore, type PostgresEventStore, type PostgresEventStoreOptions } from './postgres-event-store';
import { MIGRATIONS, SCHEMA_VERSION } from './postgres-schema';
import { describeWithPostgres } from './testing/describe-with-postgres';

const event = (type: string, data: unknown = {}) => ({ type, data, metadata: { actor: 'reporter-1' } });
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

async function collect(events: AsyncIterable<StoredEvent>): Promise<StoredEvent[]> {
  const all: StoredEvent[] = [];
  for await (const stored of events) all.push(stored);
  return all;
}

/** Waits until `check` holds, or fails after `timeoutMs`. */
async function eventually(check: () => boolean | Promise<boolean>, what: string, timeoutMs = 5000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await check())) {
    if (Date.now() > deadline) throw new Error(`Timed out waiting until ${what}`);
    await sleep(10);
  }
}

describeWithPostgres('PostgresEventStore with many instances on one database', (cluster) => {
  let url: string;
  const opened: PostgresEventStore[] = [];
  const open = async (options: Partial<PostgresEventStoreOptions> = {}) => {
    const store = await openPostgresEventStore({ connectionString: url, ...options });
    opened.push(store);
    return store;
  };
  const sql = <T extends Record<string, unknown>>(text: string, values: unknown[] = []) =>
    cluster().sql<T>(text, url.slice(url.lastIndexOf('/') + 1), values);

  beforeEach(async () => {
    url = await cluster().createDatabase();
  });
  afterEach(async () => {
    await Promise.all(opened.splice(0).map((store) => store.close()));
  });

  describe('migrations', () => {
    it('lets several instances start together on a fresh database: one creates the schema, all work', async () => {
      const stores = await Promise.all(Array.from({ length: 8 }, () => open()));

      const migrations = await sql<{ version: number }>('SELECT version FROM schema_migrations ORDER BY version');
      expect(migrations.map((row) => row.version)).toEqual(MIGRATIONS.map((migration) => migration.version));
      expect(migrations.at(-1)?.version).toBe(SCHEMA_VERSION);
      const results = await Promise.all(stores.map((store, index) => store.append(`story-${index}`, [event('Opened')], { expectedRevision: 0 })));
      expect(results.flatMap((result) => result.positions).sort((a, b) => a - b)).toEqual([1, 2, 3, 4, 5, 6, 7, 8]);
    });

    it('runs nothing again on a database that is up to date', async () => {
      await (await open()).append('story-1', [event('Opened')], { expectedRevision: 0 });
      const before = await sql<{ version: number; applied_at: Date }>('SELECT version, applied_at FROM schema_migrations ORDER BY version');

      const again = await open();

      expect(await sql('SELECT version, applied_at FROM schema_migrations ORDER BY version')).toEqual(before);
      expect(before).toHaveLength(MIGRATIONS.length);
      expect(await again.headPosition()).toBe(1);
    });

    it('refuses a database that a newer build has migrated', async () => {
      await open();
      await sql("INSERT INTO schema_migrations (version, name) VALUES (99, 'from the future')");

      await expect(openPostgresEventStore({ connectionString: url })).rejects.toThrow(/schema migration 99/);
    });
  });

  describe('races between pools', () => {
    it('lets exactly one of two pools win when both append with the same expected revision', async () => {
      const stores = [await open(), await open()];

      const outcomes = await Promise.allSettled(
        Array.from({ length: 20 }, (_, writer) =>
          stores[writer % 2]!.append('story-1', [event('Raced', { writer })], { expectedRevision: 0 }),
        ),
      );

      expect(outcomes.filter((outcome) => outcome.status === 'fulfilled')).toHaveLength(1);
      for (const outcome of outcomes.filter((outcome) => outcome.status === 'rejected')) {
        expect((outcome as PromiseRejectedResult).reason).toBeInstanceOf(WrongExpectedRevisionError);
        expect((outcome as PromiseRejectedResult).reason).toMatchObject({ expectedRevision: 0, actualRevision: 1 });
      }
      expect(await stores[1]!.streamRevision('story-1')).toBe(1);
      expect(await stores[0]!.headPosition()).toBe(1);
    });

    it('appends a request retried on another instance once, and both find the same kept answer', async () => {
      const [first, second] = [await open(), await open()];
      const record = (instance: string) => ({ scope: 'alice', key: 'key-1', fingerprint: 'POST /stories abc', status: 201, body: { instance } });

      const outcomes = await Promise.allSettled([
        first.append('story-1', [event('Opened', { by: 'first' })], { expectedRevision: 0, idempotency: record('first') }),
        second.append('story-1', [event('Opened', { by: 'second' })], { expectedRevision: 0, idempotency: record('second') }),
      ]);

      const won = outcomes.findIndex((outcome) => outcome.status === 'fulfilled');
      const lost = outcomes[1 - won] as PromiseRejectedResult;
      expect(outcomes.filter((outcome) => outcome.status === 'fulfilled')).toHaveLength(1);
      expect(lost.reason).toBeInstanceOf(IdempotencyKeyTakenError);
      const winner = won === 0 ? 'first' : 'second';
      expect(await first.findIdempotency('alice', 'key-1')).toEqual(record(winner));
      expect(await second.findIdempotency('alice', 'key-1')).toEqual(record(winner));
      expect((await first.readAll(0, 10)).map((stored) => stored.data)).toEqual([{ by: winner }]);
    });

    it('loses no update when pools race read-then-append on one stream', async () => {
      const stores = await Promise.all(Array.from({ length: 4 }, () => open()));
      const tally = { won: 0, conflicts: 0 };

      await Promise.all(
        stores.map(async (store, worker) => {
          for (let attempt = 0; attempt < 25; attempt++) {
            const seen = await store.streamRevision('story-1');
            // A handler decides between reading and appending; this pause lets the others commit then.
            await sleep(Math.random() * 3);
            try {
              await store.append('story-1', [event('Raced', { worker, seen })], { expectedRevision: seen });
              tally.won += 1;
            } catch (error) {
              if (!(error instanceof WrongExpectedRevisionError)) throw error;
              tally.conflicts += 1;
            }
          }
        }),
      );

      expect(tally.conflicts).toBeGreaterThan(0);
      expect(tally.won + tally.conflicts).toBe(100);
      const events = await collect(stores[0]!.readStream('story-1'));
      expect(events).toHaveLength(tally.won);
      for (const stored of events) expect((stored.data as { seen: number }).seen).toBe(stored.revision - 1);
      expect(await verifyChain(events)).toEqual({ verified: true, events: tally.won });
    });

    it('gives many pools appending at once one dense global order, which a follower on another pool sees once each, in order', async () => {
      const writers = await Promise.all(Array.from({ length: 6 }, () => open({ poolSize: 4 })));
      const follower = await open();
      const seen: StoredEvent[] = [];
      const subscription = subscribeToAll(follower, { afterPosition: 0, batchSize: 7, pollIntervalMs: 5000, onEvents: (events) => void seen.push(...events) });
      try {
        const positions = (
          await Promise.all(
            writers.flatMap((store, writer) =>
              Array.from({ length: 4 }, async (_, lane) => {
                const mine: number[] = [];
                for (let round = 0; round < 10; round++) {
                  // Half the appends share streams (with 'any'), half go to a stream of their own.
                  const streamId = lane % 2 === 0 ? `shared-${round % 3}` : `own-${writer}-${lane}`;
                  const result = await store.append(streamId, [event('A', { writer, lane, round }), event('B')], { expectedRevision: 'any' });
                  mine.push(...result.positions);
                }
                return mine;
              }),
            ),
          )
        ).flat();
        const total = 6 * 4 * 10 * 2;
        expect(positions.sort((a, b) => a - b)).toEqual(Array.from({ length: total }, (_, index) => index + 1));
        await subscription.reached(total);

        expect(seen.map((stored) => stored.globalPosition)).toEqual(Array.from({ length: total }, (_, index) => index + 1));
        expect(seen).toEqual(await follower.readAll(0, total + 1));
        const streams = new Set(seen.map((stored) => stored.streamId));
        for (const streamId of streams) {
          expect(await verifyChain(follower.readStream(streamId))).toMatchObject({ verified: true });
        }
      } finally {
        await subscription.close();
      }
    });

    it('never shows a later append before an earlier one that is slow to commit', async () => {
      const [slow, fast, reader] = [await open(), await open(), await open()];
      // A deferred trigger runs inside COMMIT: events of type SlowCommit hold their commit for 400 ms.
      await sql(`
        CREATE FUNCTION slow_commit() RETURNS trigger LANGUAGE plpgsql AS $$
        BEGIN IF NEW.type = 'SlowCommit' THEN PERFORM pg_sleep(0.4); END IF; RETURN NULL; END $$;
        CREATE CONSTRAINT TRIGGER slow_commit AFTER INSERT ON events DEFERRABLE INITIALLY DEFERRED
        FOR EACH ROW EXECUTE FUNCTION slow_commit();`);
      const observed: number[][] = [];
      let watching = true;
      const watcher = (async () => {
        while (watching) {
          observed.push((await reader.readAll(0, 10)).map((stored) => stored.globalPosition));
          await sleep(5);
        }
      })();

      const first = slow.append('story-slow', [event('SlowCommit')], { expectedRevision: 0 });
      await eventually(async () => (await sql("SELECT 1 FROM pg_stat_activity WHERE wait_event = 'PgSleep' AND pid <> pg_backend_pid()")).length > 0, 'the slow append is committing');
      const second = fast.append('story-fast', [event('Fast')], { expectedRevision: 0 });
      const order: string[] = [];
      await Promise.all([first.then(() => order.push('slow')), second.then(() => order.push('fast'))]);
      watching = false;
      await watcher;

      expect(order).toEqual(['slow', 'fast']);
      expect((await first).positions).toEqual([1]);
      expect((await second).positions).toEqual([2]);
      // Every read saw a prefix of the log: never position 2 without position 1.
      for (const positions of observed) expect([[], [1], [1, 2]]).toContainEqual(positions);
      expect(observed.some((positions) => positions.length === 0)).toBe(true);
    });
  });

  describe('wake-ups', () => {
    it("tells a follower the log position another instance's commit reached", async () => {
      const [follower, writer] = [await open(), await open()];
      const heard: (number | undefined)[] = [];
      const stop = follower.onCommitted((position) => heard.push(position));
      try {
        // The first wake-up is the listener's own look after it connected (it names no position).
        await eventually(() => heard.length > 0, 'the listener connected');
        await writer.append('story-a', [event('One'), event('Two')], { expectedRevision: 0 });
        await eventually(() => heard.includes(2), 'the commit heard with its position');
        await follower.append('story-b', [event('Three')], { expectedRevision: 0 });
        await eventually(() => heard.filter((position) => position === 3).length === 2, 'its own commit, at once and again through NOTIFY');
      } finally {
        stop();
      }
    });
  });

  describe('appends committed together (group commit)', () => {
    it('refuses an append built on one of the batch before it (in flight when it was submitted) that is refused, though the stream has the revision it expects', async () => {
      const store = await open();
      await store.append('story-1', [event('One'), event('Two')], { expectedRevision: 0 });
      // Another session holds the stream's lock, so the first batch waits in flight, unanswered, and
      // the second append goes in the next batch.
      const outside = new Client({ connectionString: url });
      await outside.connect();
      try {
        await outside.query('BEGIN');
        await outside.query('SELECT pg_advisory_xact_lock(1400140800, hashtext($1))', ['story-1']);
        let staleAnswered = false;
        const stale = store.append('story-1', [event('Stale')], { expectedRevision: 1 }).catch((error: unknown) => error).finally(() => (staleAnswered = true));
        await eventually(async () => (await sql("SELECT 1 FROM pg_stat_activity WHERE wait_event_type = 'Lock' AND application_name = 'story-tracker'")).length > 0, 'the first batch waits for the lock');
        // Decided on the history the stale one would have made: revision 2 is its event, not 'Two'.
        const builtOnStale = store.append('story-1', [event('BuiltOnStale')], { expectedRevision: 2 }).catch((error: unknown) => error);
        await sleep(50);
        expect(staleAnswered).toBe(false);
        await outside.query('COMMIT');

        expect(await stale).toBeInstanceOf(WrongExpectedRevisionError);
        expect(await builtOnStale).toBeInstanceOf(WrongExpectedRevisionError);
      } finally {
        await outside.end();
      }
      expect((await collect(store.readStream('story-1'))).map((stored) => stored.type)).toEqual(['One', 'Two']);
    });

    it('refuses only the append whose key a writer outside the batch took at that moment', async () => {
      const store = await open();
      // Another writer inserts the key and holds its transaction open: the batch cannot see the key
      // under its stream locks, so its write waits on the key's index entry until the other commits.
      const outside = new Client({ connectionString: url });
      await outside.connect();
      try {
        await outside.query('BEGIN');
        await outside.query("INSERT INTO idempotency_keys (scope, key, fingerprint, status, body) VALUES ('editor', 'k-1', 'other', 201, '{}')");
        const idempotency = { scope: 'editor', key: 'k-1', fingerprint: 'mine', status: 201, body: { mine: true } };
        const keyed = store.append('story-keyed', [event('Keyed')], { expectedRevision: 0, idempotency }).catch((error: unknown) => error);
        const plain = store.append('story-plain', [event('Plain')], { expectedRevision: 0 });
        await eventually(async () => (await sql("SELECT 1 FROM pg_stat_activity WHERE wait_event_type = 'Lock' AND application_name = 'story-tracker'")).length > 0, 'the batch waits for the key');
        await outside.query('COMMIT');

        expect(await keyed).toBeInstanceOf(IdempotencyKeyTakenError);
        expect((await plain).nextRevision).toBe(1);
      } finally {
        await outside.end();
      }
      expect(await store.streamRevision('story-keyed')).toBe(0);
      expect((await store.readAll(0, 10)).map((stored) => stored.type)).toEqual(['Plain']);
      expect(await store.findIdempotency('editor', 'k-1')).toMatchObject({ fingerprint: 'other' });
    });
  });

  describe('one instance', () => {
    it('rolls back the events and the key of an append that fails in the database, and gives its positions back', async () => {
      const store = await open();
      await store.append('story-1', [event('Opened')], { expectedRevision: 0 });
      // Another program's trigger makes the third insert fail after two have gone in.
      await sql(`
        CREATE FUNCTION poison() RETURNS trigger LANGUAGE plpgsql AS $$
        BEGIN IF NEW.type = 'Poison' THEN RAISE EXCEPTION 'poisoned'; END IF; RETURN NEW; END $$;
        CREATE TRIGGER poison BEFORE INSERT ON events FOR EACH ROW EXECUTE FUNCTION poison();`);
      const idempotency = { scope: 'alice', key: 'key-1', fingerprint: 'f', status: 201, body: {} };

      await expect(
        store.append('story-1', [event('Retitled'), event('Retitled'), event('Poison')], { expectedRevision: 1, idempotency }),
      ).rejects.toMatchObject({ message: 'poisoned' });

      expect(await store.streamRevision('story-1')).toBe(1);
      expect(await store.headPosition()).toBe(1);
      expect(await store.findIdempotency('alice', 'key-1')).toBeUndefined();
      expect(await store.append('story-2', [event('Opened')], { expectedRevision: 0, idempotency })).toEqual({ nextRevision: 1, positions: [2] });
    });

    it('refuses a second event at the same place in a stream, whoever writes it', async () => {
      const store = await open();
      await store.append('story-1', [event('Opened')], { expectedRevision: 0 });

      await expect(
        sql(`INSERT INTO events (global_position, stream_id, revision, type, data, metadata, hash, previous_hash)
             VALUES (99, 'story-1', 1, 'Forged', '{}', '{}', 'x', 'y')`),
      ).rejects.toMatchObject({ code: '23505', constraint: 'events_stream_revision_key' });
    });

    it('keeps data and metadata as JSON other tools can query, and the key with its stream', async () => {
      const store = await open();
      await store.append('story-1', [event('Opened', { headline: 'Brücke' })], {
        expectedRevision: 0,
        idempotency: { scope: 'alice', key: 'key-1', fingerprint: 'f', status: 201, body: { ok: true } },
      });

      expect(await sql("SELECT data->>'headline' AS headline, metadata->>'actor' AS actor FROM events")).toEqual([{ headline: 'Brücke', actor: 'reporter-1' }]);
      expect(await sql('SELECT stream_id FROM idempotency_keys')).toEqual([{ stream_id: 'story-1' }]);
    });

    it('reads a stream page by page without holding a connection, so a pool of one can append between pages', async () => {
      const store = await open({ poolSize: 1, readPageSize: 3, connectionTimeoutMs: 2000 });
      await store.append('story-1', Array.from({ length: 10 }, (_, n) => event(`E${n + 1}`)), { expectedRevision: 0 });

      const revisions: number[] = [];
      for await (const read of store.readStream('story-1', { fromRevision: 2 })) {
        revisions.push(read.revision);
        await store.append(`other-${read.revision}`, [event('Elsewhere')], { expectedRevision: 0 });
      }

      expect(revisions).toEqual([2, 3, 4, 5, 6, 7, 8, 9, 10]);
      expect(await store.headPosition()).toBe(19);
    });

    it('refuses calls once closed', async () => {
      const store = await open();
      await store.close();

      await expect(store.streamRevision('story-1')).rejects.toThrow(/closed/);
      await expect(store.append('story-1', [event('A')], { expectedRevision: 0 })).rejects.toThrow(/closed/);
    });
  });

  describe('wake-ups (LISTEN/NOTIFY)', () => {
    it('wakes its listeners after the LISTEN connection was lost and made again, and hears other pools after that', async () => {
      const store = await open({ reconnectDelayMs: 20 });
      const writer = await open();
      let wakeUps = 0;
      const unsubscribe = store.onCommitted(() => (wakeUps += 1));
      try {
        await eventually(() => store.listenerConnects === 1, 'the listener is connected');
        const afterConnect = wakeUps;

        const [killed] = await sql<{ killed: boolean }>(
          "SELECT pg_terminate_backend(pid) AS killed FROM pg_stat_activity WHERE application_name = 'story-tracker listen' AND datname = current_database()",
        );
        expect(killed).toEqual({ killed: true });
        await eventually(() => store.listenerConnects === 2, 'the listener is connected again');

        // Woken once for the reconnect itself, with nothing appended: the follower looks for what it missed.
        expect(wakeUps).toBe(afterConnect + 1);
        await writer.append('story-1', [event('Opened')], { expectedRevision: 0 });
        await eventually(() => wakeUps === afterConnect + 2, 'the other pool\'s append is heard');
      } finally {
        unsubscribe();
      }
    });

    it('opens the LISTEN connection only while someone listens', async () => {
      const store = await open();
      const listening = async () =>
        (await sql("SELECT 1 FROM pg_stat_activity WHERE application_name = 'story-tracker listen' AND datname = current_database()")).length;

      expect(await listening()).toBe(0);
      const unsubscribe = store.onCommitted(() => undefined);
      await eventually(async () => (await listening()) === 1, 'the listener connects');
      unsubscribe();
      await eventually(async () => (await listening()) === 0, 'the listener disconnects');
    });
  });
});
