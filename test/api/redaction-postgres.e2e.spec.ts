import { generateKeyPairSync } from 'node:crypto';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { storyStreamName } from '@story-tracker/domain';
import { describeWithPostgres, type TempPostgresCluster } from '@story-tracker/event-store/testing';
import { connectSse, type SseConnection } from '../live/sse-client';
import { cliOutputs, filesHoldingMarker, heldWebhooks, leaking, leakingRoutes, MARKER, quickRetries, readEverything, redactSweptStory, ROUTES_WITH_VALUES, snapshotHoldsMarker, STORY, storyEventCount, webhookEnv, webhooksAfterRedaction, writeSweptStory, type Answer, type HeldWebhooks } from '../support/redaction-sweep';
import { asAuditor, asReporter, bearer, removeDir, startTestApp, TOKENS, type TestApp } from '../support/test-app';

// The "done when" on PostgreSQL, with two instances on one database (each its own DATA_DIR, as
// two machines): one writes and redacts, the other has read everything before and must drop its copies
// when it sees the redaction. Then the marker is in no answer of either, no live backlog, no CLI output,
// no file of either DATA_DIR, and no row of any table, live or dead (the dead ones vacuumed away).
describeWithPostgres('a redaction leaves the values nowhere (PostgreSQL)', (cluster) => {
  const apps: TestApp[] = [];
  const dirs: string[] = [];
  const streams: SseConnection[] = [];
  let hooks: HeldWebhooks | undefined;
  afterEach(async () => {
    streams.splice(0).forEach((stream) => stream.close());
    for (const app of apps.splice(0)) await app.close();
    await hooks?.stop();
    for (const dir of dirs.splice(0)) removeDir(dir);
  });

  it('is in no answer of either instance, no live backlog, no CLI output, no file and no tuple, and the audit and an earlier checkpoint verify', async () => {
    const url = await cluster().createDatabase();
    const database = new URL(url).pathname.slice(1);
    // The machines of one newsroom share the log's key and name; only their read models are their own.
    const shared = mkdtempSync(join(tmpdir(), 'story-tracker-redaction-pg-'));
    dirs.push(shared);
    const keyFile = join(shared, 'log-key.pem');
    writeFileSync(keyFile, generateKeyPairSync('ed25519').privateKey.export({ format: 'pem', type: 'pkcs8' }), { mode: 0o600 });
    hooks = await heldWebhooks();
    const env = { EVENT_STORE: 'postgres', POSTGRES_URL: url, LOG_SIGNING_KEY_FILE: keyFile, LOG_ORIGIN: 'news.example.org/story-tracker', ...webhookEnv(hooks) };
    const start = async (dataDir?: string) => {
      const app = await startTestApp({ env, ...(dataDir && { dataDir }) });
      apps.push(app);
      quickRetries(app);
      if (!dataDir) dirs.push(app.dataDir);
      await app.app.listen({ port: 0, host: '127.0.0.1' });
      return { app, base: await app.app.getUrl() };
    };
    const [writer, reader] = [await start(), await start()];

    // The reader hears every event live from the start (and describes each for its streams).
    streams.push(await connectSse(`${reader.base}/changes/live`, bearer(TOKENS.reporter)));
    const story = await writeSweptStory(writer.app, hooks.url);
    const { interesting } = story;
    await streams[0]!.waitForMessages(await storyEventCount(writer.app), 30_000);
    streams.push(await connectSse(`${reader.base}/stories/${STORY}/live`, { ...bearer(TOKENS.reporter), 'Last-Event-ID': '0' }));
    await streams[1]!.waitForMessages(await writer.app.store.streamRevision(storyStreamName(STORY)), 30_000);

    for (const { app, base } of [writer, reader]) expect(leakingRoutes(await readEverything(app, base, interesting, 'around the values'))).toEqual(expect.arrayContaining(ROUTES_WITH_VALUES));
    expect(await snapshotHoldsMarker(writer.app)).toBe(true);
    expect(await snapshotHoldsMarker(reader.app)).toBe(true);
    expect(await rowsHoldingMarker(cluster(), database)).toEqual(expect.arrayContaining(['events', 'snapshots']));
    expect(await tuplesHoldingMarker(cluster(), database)).toEqual(expect.arrayContaining(['events', expect.stringMatching(/^pg_toast\.pg_toast_\d+$/)]));
    await hooks.receiver.waitFor('/hook', 3);
    expect(hooks.receiver.at('/hook').some((request) => request.body.includes(MARKER))).toBe(true);
    const checkpoint = (await writer.app.http.get('/log/checkpoint').expect(200)).text;
    const liveBefore = streams.map((stream) => stream.messages.length);

    await redactSweptStory(writer.app, story);

    // Answered: no row holds the values, live or dead.
    expect(await rowsHoldingMarker(cluster(), database)).toEqual([]);
    expect(await tuplesHoldingMarker(cluster(), database)).toEqual([]);
    // The reader drops its copies once the redaction reaches it (it follows the store).
    await eventually(async () => !(await reader.app.http.get(`/stories/${STORY}?revision=${interesting.at(-1)! - 1}`).set(asReporter)).text.includes(MARKER));
    await eventually(async () => !(await reader.app.http.get('/alerts?limit=1000').set(asReporter)).text.includes(MARKER));
    // The deliveries that waited across the redaction (either instance may make an attempt) carry the new words.
    expect(leaking(await webhooksAfterRedaction(hooks))).toEqual([]);
    // Every revision on the writer; on the reader, what it read (and so kept) before, and every live backlog.
    for (const [name, { app, base }, depth] of [['writer', writer, 'every revision'], ['reader', reader, 'around the values']] as const) {
      const answers = await readEverything(app, base, interesting, depth);
      expect({ instance: name, leaking: leaking(answers) }).toEqual({ instance: name, leaking: [] });
      expect(filesHoldingMarker(app.dataDir)).toEqual([]);
    }
    await Promise.all(streams.map((stream, index) => stream.waitForMessages(liveBefore[index]! + 2, 10_000)));
    const liveAfter: Answer[] = streams.map((stream, index) => ({ what: `live stream ${index} after the redaction`, text: stream.messages.slice(liveBefore[index]).map((message) => message.data).join('\n') }));
    expect(leaking(liveAfter)).toEqual([]);

    for (const { app } of [writer, reader]) {
      const verified = await app.http.post('/log/verify').set(asAuditor).set('Content-Type', 'text/plain').send(checkpoint).expect(200);
      expect(verified.body).toMatchObject({ consistent: true });
      expect((await app.http.get(`/stories/${STORY}/audit`).set(asAuditor).expect(200)).body).toMatchObject({ verified: true });
    }
    expect(await snapshotHoldsMarker(writer.app)).toBe(false);
    expect(await rowsHoldingMarker(cluster(), database)).toEqual([]);
    expect(await tuplesHoldingMarker(cluster(), database)).toEqual([]);

    streams.splice(0).forEach((stream) => stream.close());
    for (const app of apps.splice(0)) await app.close();
    for (const app of [writer.app, reader.app]) expect(filesHoldingMarker(app.dataDir)).toEqual([]);
    const checkpointFile = join(shared, 'checkpoint-before-redaction.txt');
    writeFileSync(checkpointFile, checkpoint);
    const cli = await cliOutputs({ ...env, DATA_DIR: writer.app.dataDir }, interesting, checkpointFile);
    expect(cli.find((answer) => answer.what.startsWith('cli export '))!.text).toContain('[redacted]');
    expect(leaking(cli)).toEqual([]);

    // The reader started again on its DATA_DIR: its read models and the snapshots rebuilt hold nothing.
    const again = await start(reader.app.dataDir);
    expect(leaking(await readEverything(again.app, again.base, interesting, 'around the values'))).toEqual([]);
    expect(await tuplesHoldingMarker(cluster(), database)).toEqual([]);
  }, 300_000);
});

/** The tables of the database's public schema with a row that holds the marker, as text or as bytes (bytea reads as hex). */
async function rowsHoldingMarker(cluster: TempPostgresCluster, database: string): Promise<string[]> {
  const tables = await cluster.sql<{ table_name: string }>("SELECT table_name FROM information_schema.tables WHERE table_schema = 'public' AND table_type = 'BASE TABLE' ORDER BY 1", database);
  expect(tables.map((table) => table.table_name)).toEqual(expect.arrayContaining(['events', 'idempotency_keys', 'snapshots']));
  const holding: string[] = [];
  for (const { table_name: table } of tables) {
    const [row] = await cluster.sql<{ rows: number }>(
      `SELECT count(*)::int AS rows FROM public."${table}" AS t WHERE strpos(t::text, $1) > 0 OR strpos(t::text, $2) > 0`,
      database,
      [MARKER, Buffer.from(MARKER).toString('hex')],
    );
    if (row!.rows > 0) holding.push(table);
  }
  return holding;
}

/**
 * Every tuple on every page of the schema's tables and of their TOAST tables (where large values such
 * as snapshot states are kept), dead ones not yet vacuumed included, read with pageinspect: the
 * relations whose tuples hold the marker's bytes.
 */
async function tuplesHoldingMarker(cluster: TempPostgresCluster, database: string): Promise<string[]> {
  await cluster.sql('CREATE EXTENSION IF NOT EXISTS pageinspect', database);
  const relations = await cluster.sql<{ relation: string }>(
    `SELECT c.oid::regclass::text AS relation FROM pg_class c WHERE c.relnamespace = 'public'::regnamespace AND c.relkind = 'r'
     UNION ALL
     SELECT c.reltoastrelid::regclass::text FROM pg_class c WHERE c.relnamespace = 'public'::regnamespace AND c.relkind = 'r' AND c.reltoastrelid <> 0`,
    database,
  );
  const holding: string[] = [];
  for (const { relation } of relations) {
    const [row] = await cluster.sql<{ tuples: number }>(
      `SELECT count(*)::int AS tuples
       FROM generate_series(0, (pg_relation_size($1::text::regclass) / current_setting('block_size')::int)::int - 1) AS page,
            LATERAL heap_page_items(get_raw_page($1::text, page)) AS item
       WHERE position($2::bytea IN item.t_data) > 0`,
      database,
      [relation, Buffer.from(MARKER)],
    );
    if (row!.tuples > 0) holding.push(relation);
  }
  return holding;
}

async function eventually(condition: () => Promise<boolean>, timeoutMs = 10_000): Promise<void> {
  for (const deadline = Date.now() + timeoutMs; !(await condition()); ) {
    if (Date.now() > deadline) throw new Error(`Not so after ${timeoutMs} ms`);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}
