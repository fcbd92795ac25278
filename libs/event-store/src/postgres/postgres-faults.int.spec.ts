import { verifyChain } from '../chain/verify-chain';
import { EventStoreUnavailableError, IdempotencyKeyTakenError } from '../event-store.errors';
import type { IdempotencyRecord, StoredEvent } from '../event-store.port';
import { subscribeToAll } from '../subscription/subscribe-to-all';
import { openPostgresEventStore, type PostgresEventStore, type PostgresEventStoreOptions } from './postgres-event-store';
import { describeWithPostgres } from './testing/describe-with-postgres';
import { TcpProxy } from './testing/tcp-proxy';

const event = (type: string, data: unknown = {}) => ({ type, data, metadata: { actor: 'reporter-1' } });
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
const record = (key: string, body: unknown = { ok: true }): IdempotencyRecord => ({ scope: 'alice', key, fingerprint: `POST ${key}`, status: 201, body });

async function eventually(check: () => boolean | Promise<boolean>, what: string, timeoutMs = 5000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await check())) {
    if (Date.now() > deadline) throw new Error(`Timed out waiting until ${what}`);
    await sleep(10);
  }
}

async function elapsed<T>(work: Promise<T>): Promise<{ ms: number; error: unknown }> {
  const start = Date.now();
  try {
    await work;
    return { ms: Date.now() - start, error: undefined };
  } catch (error) {
    return { ms: Date.now() - start, error };
  }
}

describeWithPostgres('PostgresEventStore when the server fails', (cluster) => {
  let url: string;
  const opened: PostgresEventStore[] = [];
  const proxies: TcpProxy[] = [];
  const open = async (options: Partial<PostgresEventStoreOptions> = {}) => {
    const store = await openPostgresEventStore({ connectionString: url, ...options });
    opened.push(store);
    return store;
  };
  const proxied = async () => {
    const proxy = await TcpProxy.start(cluster().port);
    proxies.push(proxy);
    return { proxy, url: url.replace(`:${cluster().port}/`, `:${proxy.port}/`) };
  };
  const sql = <T extends Record<string, unknown>>(text: string, values: unknown[] = []) =>
    cluster().sql<T>(text, url.slice(url.lastIndexOf('/') + 1), values);

  beforeEach(async () => {
    url = await cluster().createDatabase();
  });
  afterEach(async () => {
    await Promise.all(opened.splice(0).map((store) => store.close()));
    await Promise.all(proxies.splice(0).map((proxy) => proxy.stop()));
  });

  describe('unreachable', () => {
    it('refuses at once, with EventStoreUnavailableError, when nothing listens on the port', async () => {
      const { proxy, url: through } = await proxied();
      await proxy.stop();
      proxies.splice(0);

      const { ms, error } = await elapsed(openPostgresEventStore({ connectionString: through, connectionTimeoutMs: 1000 }));

      expect(error).toBeInstanceOf(EventStoreUnavailableError);
      expect((error as Error).message).toMatch(/ECONNREFUSED/);
      expect(ms).toBeLessThan(1500);
    });

    it('gives up after the connection timeout when the server accepts but never answers', async () => {
      const { proxy, url: through } = await proxied();
      proxy.blackhole();

      const { ms, error } = await elapsed(openPostgresEventStore({ connectionString: through, connectionTimeoutMs: 500 }));

      expect(error).toBeInstanceOf(EventStoreUnavailableError);
      expect(ms).toBeGreaterThanOrEqual(450);
      expect(ms).toBeLessThan(2000);
    });

    it('gives up on a query whose connection went silent, and works again over a new connection', async () => {
      const { proxy, url: through } = await proxied();
      const store = await openPostgresEventStore({ connectionString: through, statementTimeoutMs: 300, connectionTimeoutMs: 500 });
      opened.push(store);
      await store.append('story-1', [event('Opened')], { expectedRevision: 0 });
      proxy.freeze();

      const { ms, error } = await elapsed(store.readAll(0, 10));

      expect(error).toBeInstanceOf(EventStoreUnavailableError);
      expect((error as Error).message).toMatch(/timeout/i);
      // query_timeout = statement timeout + 2 s: the client's own limit for an answer that never comes.
      expect(ms).toBeLessThan(4000);
      expect((await store.readAll(0, 10)).map((stored) => stored.type)).toEqual(['Opened']);
    });
  });

  describe('a connection lost during COMMIT', () => {
    it('rejects the append when the backend dies before the commit, stores nothing, and the retry appends once', async () => {
      const store = await open();
      await sql(`
        CREATE FUNCTION slow_commit() RETURNS trigger LANGUAGE plpgsql AS $$
        BEGIN IF NEW.type = 'SlowCommit' THEN PERFORM pg_sleep(5); END IF; RETURN NULL; END $$;
        CREATE CONSTRAINT TRIGGER slow_commit AFTER INSERT ON events DEFERRABLE INITIALLY DEFERRED
        FOR EACH ROW EXECUTE FUNCTION slow_commit();`);

      const append = elapsed(store.append('story-1', [event('SlowCommit')], { expectedRevision: 0, idempotency: record('key-1') }));
      await eventually(async () => (await sql("SELECT 1 FROM pg_stat_activity WHERE wait_event = 'PgSleep' AND pid <> pg_backend_pid()")).length > 0, 'the append is committing');
      await sql("SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE wait_event = 'PgSleep' AND pid <> pg_backend_pid()");
      const { error } = await append;

      expect(error).toBeInstanceOf(EventStoreUnavailableError);
      expect(error).toMatchObject({ outcomeUnknown: true });
      expect(await store.readAll(0, 10)).toEqual([]);
      expect(await store.findIdempotency('alice', 'key-1')).toBeUndefined();
      await sql('DROP TRIGGER slow_commit ON events');
      expect(await store.append('story-1', [event('SlowCommit')], { expectedRevision: 0, idempotency: record('key-1') })).toEqual({ nextRevision: 1, positions: [1] });
    });

    it('rejects the append when the commit went through but its answer was lost, and the retry finds the kept answer', async () => {
      const { proxy, url: through } = await proxied();
      const store = await openPostgresEventStore({ connectionString: through });
      opened.push(store);
      const cut = proxy.cutAfterCommit(300);

      const { error } = await elapsed(store.append('story-1', [event('Opened')], { expectedRevision: 0, idempotency: record('key-1', { revision: 1 }) }));
      await cut;

      expect(error).toBeInstanceOf(EventStoreUnavailableError);
      expect(error).toMatchObject({ outcomeUnknown: true });
      // The events are there: the store said it could not tell, and did not say no.
      expect(await sql('SELECT stream_id, revision FROM events')).toEqual([{ stream_id: 'story-1', revision: 1 }]);
      const retry = elapsed(store.append('story-1', [event('Opened')], { expectedRevision: 0, idempotency: record('key-1', { revision: 1 }) }));
      expect((await retry).error).toBeInstanceOf(IdempotencyKeyTakenError);
      expect(await store.findIdempotency('alice', 'key-1')).toEqual(record('key-1', { revision: 1 }));
      expect(await store.headPosition()).toBe(1);
    });
  });

  describe('a crash mid-writes', () => {
    it('recovers by itself after an immediate stop and restart: nothing acknowledged lost, nothing half-written', async () => {
      const options = { connectionTimeoutMs: 1000, statementTimeoutMs: 2000, poolSize: 4 };
      const store = await open(options);
      const follower = await open(options);
      const followed: StoredEvent[] = [];
      const subscription = subscribeToAll(follower, {
        afterPosition: 0,
        retryDelayMs: 20,
        pollIntervalMs: 200,
        onEvents: (events) => void followed.push(...events),
      });
      const writers = 8;
      const acknowledged: { streamId: string; appendNo: number; positions: readonly number[] }[] = [];
      const tally = { attempts: 0, unavailable: 0, outcomeUnknown: 0, keptAnswers: 0, otherErrors: [] as string[] };
      let writing = true;

      // Each writer appends three events at a time to its own stream and, like the API's caller,
      // retries an append that got no answer with the same idempotency key until it gets one.
      const loops = Array.from({ length: writers }, async (_, writer) => {
        const streamId = `writer-${writer}`;
        for (let appendNo = 0; writing; appendNo++) {
          const key = `${streamId}-${appendNo}`;
          const events = [0, 1, 2].map((part) => event('Written', { writer, appendNo, part }));
          for (;;) {
            tally.attempts += 1;
            try {
              const result = await store.append(streamId, events, { expectedRevision: appendNo * 3, idempotency: record(key, { appendNo }) });
              acknowledged.push({ streamId, appendNo, positions: result.positions });
              break;
            } catch (error) {
              if (error instanceof IdempotencyKeyTakenError) {
                // The earlier attempt had committed after all: its answer is kept.
                tally.keptAnswers += 1;
                const kept = await store.findIdempotency('alice', key);
                expect(kept?.body).toEqual({ appendNo });
                acknowledged.push({ streamId, appendNo, positions: [] });
                break;
              }
              if (!(error instanceof EventStoreUnavailableError)) {
                tally.otherErrors.push(String(error));
                return;
              }
              tally.unavailable += 1;
              if (error.outcomeUnknown) tally.outcomeUnknown += 1;
              await sleep(25);
            }
          }
        }
      });

      try {
        await eventually(() => acknowledged.length >= 40, 'some appends are acknowledged');
        await cluster().stopServer('immediate');
        const acknowledgedBeforeStop = acknowledged.length;
        await sleep(500);
        await cluster().startServer();
        await eventually(() => acknowledged.length >= acknowledgedBeforeStop + 40, 'appends are acknowledged again', 15_000);
      } finally {
        writing = false;
        await Promise.all(loops);
      }

      expect(tally.otherErrors).toEqual([]);
      expect(tally.unavailable).toBeGreaterThan(0);
      // Every acknowledged append is there, whole, exactly once; nothing else is.
      const head = await store.headPosition();
      const all = await store.readAll(0, head + 1);
      expect(all.map((stored) => stored.globalPosition)).toEqual(Array.from({ length: head }, (_, index) => index + 1));
      expect(all).toHaveLength(acknowledged.length * 3);
      for (let writer = 0; writer < writers; writer++) {
        const streamId = `writer-${writer}`;
        const mine = acknowledged.filter((ack) => ack.streamId === streamId).map((ack) => ack.appendNo);
        const stream = all.filter((stored) => stored.streamId === streamId);
        expect(stream.map((stored) => stored.data)).toEqual(mine.flatMap((appendNo) => [0, 1, 2].map((part) => ({ writer, appendNo, part }))));
        expect(await verifyChain(store.readStream(streamId))).toEqual({ verified: true, events: mine.length * 3 });
      }
      for (const ack of acknowledged) {
        for (const position of ack.positions) expect(all[position - 1]!.streamId).toBe(ack.streamId);
      }
      // The follower on another pool came back too, and saw each event once, in order.
      await subscription.reached(head);
      await subscription.close();
      expect(followed).toEqual(all);

      process.stdout.write(
        `PostgreSQL crash test: ${acknowledged.length} appends (${all.length} events) acknowledged and found after the stop; ` +
          `${tally.attempts} attempts, ${tally.unavailable} rejected as unavailable (${tally.outcomeUnknown} during COMMIT), ` +
          `${tally.keptAnswers} retries found their kept answer\n`,
      );
    }, 30_000);
  });
});
