import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { STORY_STREAM_PREFIX, storyStreamName } from '@story-tracker/domain';
import { snapshotsOf } from '@story-tracker/event-store';
import type { Response } from 'supertest';
import { runCli } from '../../apps/cli/src/run-cli';
import { StoryLoader } from '../../apps/api/src/story-loader/story-loader.service';
import { SNAPSHOT_CODE_VERSION } from '../../apps/api/src/story-loader/snapshot-bytes';
import { CapturedStream } from '../cli/cli-harness';
import { ENDPOINTS, type Endpoint } from '../hostile/endpoints';
import { connectSse, type SseConnection } from '../live/sse-client';
import { asEditor, asRedactor, asReporter, bearer, TOKENS, troops, type TestApp } from './test-app';
import { WebhookReceiver } from './webhook-receiver';
import { quickWebhooks } from './webhooks';

// The redaction sweep: a long story with values that must go (a troop estimate's source and note, a
// statement's text, and a correction that put other such values in), read every way there is while the
// values are there, redacted, and then read every way again, looking for one marker string in each
// answer, each CLI output and each file.

/**
 * In every value redacted, nowhere else. ASCII letters and digits only, so that its JSON-escaped form
 * and its UTF-8 bytes are the marker itself, and no description can cut it (each value starts with it
 * or nearly, well within the lengths descriptions shorten values to).
 */
export const MARKER = 'Qv7Zx4Marker';

export const STORY = 'redaction-sweep';
export const OTHER_STORY = 'unrelated-story';
/** Past the loader's SNAPSHOT_INTERVAL (1000), so a snapshot of the state with the values is written. */
const FILLER_BEFORE_CORRECTION = 600;
const FILLER_AFTER_CORRECTION = 480;

export interface SweptStory {
  readonly estimateId: string;
  readonly statementId: string;
  /** The revisions around the values (recorded, corrected), a snapshot's and the last ones: every pair of them is diffed. */
  readonly interesting: readonly number[];
}

/** One thing read back: where from, and everything it said (headers included). */
export interface Answer {
  readonly what: string;
  readonly text: string;
}

/**
 * A partner's webhook receiver that answers 503 until `accept()`: the deliveries of the alerts wait in
 * the outbox across the redaction, and the ones it accepts afterwards must carry the new words.
 */
export interface HeldWebhooks {
  readonly receiver: WebhookReceiver;
  readonly url: string;
  accept(): void;
  stop(): Promise<void>;
}

export async function heldWebhooks(): Promise<HeldWebhooks> {
  const receiver = await WebhookReceiver.start();
  let accepting = false;
  receiver.on('/hook', () => (accepting ? 200 : 503));
  return { receiver, url: receiver.url('/hook'), accept: () => (accepting = true), stop: () => receiver.stop() };
}

/** The app's settings for the receiver: its host allowed. */
export const webhookEnv = (hooks: HeldWebhooks) => ({ WEBHOOK_ALLOWED_HOSTS: hooks.receiver.host });

/** Retries a couple of hundred milliseconds apart, on every instance that may make an attempt. */
export const quickRetries = (test: TestApp) => quickWebhooks(test, { backoffMs: [200] });

/**
 * Writes the story, watched by the reporter (every kind of alert, and corrections with a webhook when
 * `webhookUrl` is given): developments (two of them carrying the marker), its publication (readers'
 * pages and changelog), hundreds of headline revisions, a correction that puts the marker in the
 * estimate again, corrections that describe the developments by name (the name held the marker), and
 * more revisions past revision 1000.
 */
export async function writeSweptStory(test: TestApp, webhookUrl?: string): Promise<SweptStory> {
  const post = async (path: string, body: object) => (await test.http.post(path).set(asEditor).send(body).expect(201)).body as { developmentId?: string; revision: number };
  await post('/stories', { slug: OTHER_STORY, headline: 'Scholz heads to Washington' });
  await post(`/stories/${OTHER_STORY}/developments`, { type: 'note', text: 'The chancellor flies on Sunday' });
  await post('/stories', { slug: STORY, headline: 'Macron heads to Moscow', summary: 'Talks on security guarantees', tags: ['france'] });
  await test.http.post('/watches').set(asReporter).send({ storyId: STORY }).expect(201);
  if (webhookUrl) {
    await test.http.post('/watches').set(asReporter).send({ storyId: STORY, on: ['correction'], webhook: { url: webhookUrl } }).expect(201);
  }
  await post(`/stories/${STORY}/developments`, { type: 'meeting-scheduled', participants: ['Emmanuel Macron', 'Vladimir Putin'], location: 'Moscow', scheduledFor: '2022-02-07', topic: 'Security guarantees' });
  await post(`/stories/${STORY}/developments`, troops(100000, { source: { name: 'US officials' } }));
  const estimate = await post(
    `/stories/${STORY}/developments`,
    troops(130000, { location: 'Belarus', qualifier: 'more-than', source: { name: `Colonel ${MARKER} First`, url: 'https://example.org/briefing' }, note: `${MARKER} spoke on background` }),
  );
  const statement = await post(`/stories/${STORY}/developments`, { type: 'statement', speaker: 'Emmanuel Macron', text: `${MARKER} told me a deal is possible`, outlet: 'Journal du Dimanche' });
  await post(`/stories/${STORY}/publish`, {});
  await fillHeadlines(test, 'before', FILLER_BEFORE_CORRECTION);
  const correction = await post(`/stories/${STORY}/developments/${estimate.developmentId}/corrections`, {
    changes: { source: { name: `Major ${MARKER} Second`, url: 'https://example.org/briefing-2' }, note: `${MARKER} again, on background` },
    reason: 'The first name was wrong',
  });
  // Corrections of fields that are not redacted: their descriptions name the development, and its name
  // (the statement's text, the estimate's source) held the values.
  await post(`/stories/${STORY}/developments/${statement.developmentId}/corrections`, { changes: { outlet: 'Le Monde' }, reason: 'Another outlet' });
  const lastCorrection = await post(`/stories/${STORY}/developments/${estimate.developmentId}/corrections`, { changes: { count: 135000 }, reason: 'Revised figure' });
  await fillHeadlines(test, 'after', FILLER_AFTER_CORRECTION);
  const last = await post(`/stories/${STORY}/developments`, { type: 'note', text: 'Talks end without a deal' });
  const interesting = [...range(1, statement.revision + 2), ...range(correction.revision - 1, lastCorrection.revision + 1), 999, 1000, 1001, last.revision - 1, last.revision];
  return { estimateId: estimate.developmentId!, statementId: statement.developmentId!, interesting: [...new Set(interesting)].sort((a, b) => a - b) };
}

/** Headline revisions, a few in flight at a time (the write path pipelines them into shared commits). */
async function fillHeadlines(test: TestApp, tag: string, count: number): Promise<void> {
  const inFlight = 8;
  for (let start = 0; start < count; start += inFlight) {
    const batch = Array.from({ length: Math.min(inFlight, count - start) }, (_, index) => start + index);
    await Promise.all(batch.map((n) => test.http.patch(`/stories/${STORY}`).set(asEditor).send({ headline: `Macron heads to Moscow (${tag} ${n})` }).expect(200)));
  }
}

/** The redactions: the estimate's source name and note, the statement's text. */
export async function redactSweptStory(test: TestApp, story: SweptStory): Promise<void> {
  const redact = (id: string, paths: string[]) => test.http.post(`/stories/${STORY}/developments/${id}/redactions`).set(asRedactor).send({ paths, reason: 'Court order: the source must not be named' }).expect(201);
  await redact(story.estimateId, ['/source/name', '/note']);
  await redact(story.statementId, ['/text']);
}

/** Events of every story (what /changes/live sends): the store's, less those of other streams (watches). */
export async function storyEventCount(test: TestApp): Promise<number> {
  let count = 0;
  for (let after = 0; ; ) {
    const page = await test.store.readAll(after, 1000);
    if (page.length === 0) return count;
    count += page.filter((event) => event.streamId.startsWith(STORY_STREAM_PREFIX)).length;
    after = page.at(-1)!.globalPosition;
  }
}

/** Whether a snapshot of the story's folded state holds the marker (the states written while it was there). */
export async function snapshotHoldsMarker(test: TestApp): Promise<boolean> {
  await test.app.get(StoryLoader).snapshotsWritten();
  const stream = storyStreamName(STORY);
  const snapshot = await snapshotsOf(test.store)!.nearest(stream, await test.store.streamRevision(stream), SNAPSHOT_CODE_VERSION);
  return snapshot !== undefined && Buffer.concat(snapshot.state).includes(MARKER);
}

/** The answers that hold the marker, by what was read. */
export function leaking(answers: readonly Answer[]): string[] {
  return answers.filter((answer) => answer.text.includes(MARKER)).map((answer) => answer.what);
}

/** The routes (ENDPOINTS' names) with an answer that holds the marker. */
export function leakingRoutes(answers: readonly Answer[]): string[] {
  return [...new Set(leaking(answers).map((what) => what.slice(0, what.indexOf(': '))))];
}

/** The routes whose answers show the values before the redaction: each must have shown them, or the sweep proves nothing of it. */
export const ROUTES_WITH_VALUES = [
  'read a story',
  'revisions',
  'diff',
  'timeline',
  'raw events',
  'alerts',
  'live alerts',
  'changes',
  'live story',
  'live changes',
  'readers’ changelog',
  'readers’ changelog feed',
  'reader’s page',
];

/** Files under `dir` (any depth) whose raw bytes hold the marker. */
export function filesHoldingMarker(dir: string): string[] {
  const needle = Buffer.from(MARKER, 'utf8');
  const holding: string[] = [];
  const walk = (folder: string) => {
    for (const name of readdirSync(folder)) {
      const path = join(folder, name);
      if (statSync(path).isDirectory()) walk(path);
      else if (readFileSync(path).includes(needle)) holding.push(relative(dir, path));
    }
  };
  walk(dir);
  return holding;
}

async function get(test: TestApp, path: string, token: string, headers: Record<string, string> = {}): Promise<Answer> {
  const response: Response = await test.http
    .get(path)
    .set(bearer(token))
    .set(headers)
    .buffer(true)
    // Every body as text, whatever its type (JSON, NDJSON, CSS, a checkpoint note).
    .parse((res, done) => {
      const chunks: Buffer[] = [];
      res.on('data', (chunk: Buffer) => chunks.push(Buffer.from(chunk)));
      res.on('end', () => done(null, Buffer.concat(chunks).toString('utf8')));
    });
  // Anything but a 200 would be a sweep that reads nothing (a wrong parameter, a missing role).
  if (response.status !== 200) throw new Error(`GET ${path} answered ${response.status}: ${String(response.body)}`);
  return { what: `GET ${path}${Object.keys(headers).length > 0 ? ` ${JSON.stringify(headers)}` : ''}`, text: `${JSON.stringify(response.headers)}\n${String(response.body)}` };
}

/** How to read every answer of one GET route of ENDPOINTS: each revision, pair, page and order it has. */
type Sweeper = (read: (path: string, headers?: Record<string, string>) => Promise<Answer>, context: SweepContext) => Promise<Answer[]>;

interface SweepContext {
  readonly head: number;
  readonly treeSize: number;
  /** Events of every story: what /changes/live replays. */
  readonly storyEvents: number;
  /** The revisions read one by one (by number, by record time, as a diff's step): all of them, or those around the values. */
  readonly revisions: readonly number[];
  /** Record time by revision. */
  readonly recordedAts: ReadonlyMap<number, string>;
  readonly interesting: readonly number[];
  readonly depth: SweepDepth;
  /** How many alerts the reporter's watches raised. */
  readonly alerts: number;
  /** The reporter's watches. */
  readonly watchIds: readonly string[];
  readonly live: (path: string, headers: Record<string, string>, expected: number) => Promise<Answer>;
}

const range = (from: number, to: number) => Array.from({ length: Math.max(0, to - from + 1) }, (_, index) => from + index);

async function sequentially<T>(items: readonly T[], read: (item: T) => Promise<Answer | Answer[]>, inFlight = 4): Promise<Answer[]> {
  const answers: Answer[] = [];
  for (let start = 0; start < items.length; start += inFlight) {
    const batch = await Promise.all(items.slice(start, start + inFlight).map(read));
    answers.push(...batch.flat());
  }
  return answers;
}

/** Pages of a route that answers `next` (a cursor) until it has none. */
async function pages(read: (path: string) => Promise<Answer>, first: string, next: (body: Record<string, unknown>) => string | undefined): Promise<Answer[]> {
  const answers: Answer[] = [];
  for (let path: string | undefined = first; path !== undefined; ) {
    const answer = await read(path);
    answers.push(answer);
    path = next(JSON.parse(answer.text.slice(answer.text.indexOf('\n') + 1)) as Record<string, unknown>);
  }
  return answers;
}

const SWEEPERS: Readonly<Record<string, Sweeper>> = {
  'list stories': async (read) => [await read('/stories'), await read(`/stories?q=${MARKER}`), await read('/stories?q=Colonel'), await read('/stories?tag=france'), await read('/stories?limit=1')],
  'read a story': async (read, { revisions, recordedAts }) => [
    await read(`/stories/${STORY}`),
    await read(`/stories/${OTHER_STORY}`),
    ...(await sequentially(revisions, (revision) => read(`/stories/${STORY}?revision=${revision}`))),
    ...(await sequentially([...new Set(revisions.map((revision) => recordedAts.get(revision)!))], (asOf) => read(`/stories/${STORY}?asOf=${encodeURIComponent(asOf)}`))),
  ],
  revisions: async (read, { head, interesting }) => [
    ...(await pages(read, `/stories/${STORY}/revisions?limit=500`, (body) => (typeof body['nextFrom'] === 'number' ? `/stories/${STORY}/revisions?limit=500&from=${body['nextFrom']}` : undefined))),
    ...(await sequentially(interesting.filter((revision) => revision <= head), (revision) => read(`/stories/${STORY}/revisions?from=${revision}&limit=1`))),
  ],
  diff: async (read, { head, revisions, interesting }) => {
    // Each step (its descriptions and both states), some revisions to the head, every pair of the revisions around the values.
    const pairs = new Set<string>();
    for (const to of revisions) if (to > 1) pairs.add(`${to - 1} ${to}`);
    for (const from of [...interesting, ...range(1, head - 1).filter((revision) => revision % 50 === 0)]) if (from < head) pairs.add(`${from} ${head}`);
    for (const from of interesting) for (const to of interesting) if (from < to && to <= head) pairs.add(`${from} ${to}`);
    return [
      await read(`/stories/${STORY}/diff?from=1`),
      ...(await sequentially([...pairs], (pair) => {
        const [from, to] = pair.split(' ');
        return read(`/stories/${STORY}/diff?from=${from}&to=${to}`);
      })),
    ];
  },
  timeline: async (read) => [await read(`/stories/${STORY}/timeline`), await read(`/stories/${STORY}/timeline?order=world`), await read(`/stories/${STORY}/timeline?order=record`)],
  'raw events': async (read) => [await read(`/stories/${STORY}/events`), await read(`/stories/${STORY}/events`, { Accept: 'application/x-ndjson' })],
  audit: async (read) => [await read(`/stories/${STORY}/audit`)],
  'log checkpoint': async (read) => [await read('/log/checkpoint'), await read('/log/checkpoint', { Accept: 'application/json' })],
  'log key': async (read) => [await read('/log/key')],
  'inclusion proof': async (read, { treeSize, depth }) =>
    sequentially(range(0, treeSize - 1).filter((index) => depth === 'every revision' || index % 50 === 0), (index) => read(`/log/proofs/inclusion?index=${index}&treeSize=${treeSize}`), 8),
  'consistency proof': async (read, { treeSize }) => sequentially(range(1, treeSize - 1).filter((from) => from % 97 === 1), (from) => read(`/log/proofs/consistency?from=${from}&to=${treeSize}`)),
  changes: async (read) => [
    ...(await pages(read, '/changes?since=0&limit=500', (body) => ((body['items'] as unknown[]).length > 0 ? `/changes?since=${body['nextSince']}&limit=500` : undefined))),
    ...(await pages(read, '/changes?limit=500', (body) => (typeof body['nextBefore'] === 'number' ? `/changes?limit=500&before=${body['nextBefore']}` : undefined))),
    await read('/changes'),
  ],
  // The backlog from the first event: by the Last-Event-ID header, and by ?lastEventId= for clients that cannot send it.
  'live story': async (_read, { live, head }) => [
    await live(`/stories/${STORY}/live`, { 'Last-Event-ID': '0' }, head),
    await live(`/stories/${STORY}/live?lastEventId=0`, {}, head),
  ],
  'live changes': async (_read, { live, storyEvents }) => [await live('/changes/live', { 'Last-Event-ID': '0' }, storyEvents), await live('/changes/live?lastEventId=0', {}, storyEvents)],
  'list watches': async (read) => [await read('/watches')],
  'webhook deliveries': async (read, { watchIds }) => sequentially(watchIds, (id) => read(`/watches/${id}/deliveries?limit=100`)),
  alerts: async (read) => [
    await read('/alerts?limit=1000'),
    ...(await pages(read, '/alerts?limit=2', (body) => {
      const items = body['items'] as { id: string }[];
      return items.length > 0 ? `/alerts?limit=2&since=${items.at(-1)!.id}` : undefined;
    })),
  ],
  // From before the first alert there can be (position 0): every alert kept is replayed.
  'live alerts': async (_read, { live, alerts }) => [await live('/alerts/live', { 'Last-Event-ID': FIRST_ALERT }, alerts), await live(`/alerts/live?since=${FIRST_ALERT}`, {}, alerts)],
  'readers’ changelog': async (read) => [await read(`/public/stories/${STORY}/changelog`)],
  'readers’ changelog feed': async (read) => [await read(`/public/stories/${STORY}/changelog.atom`)],
  'reader’s page': async (read) => [await read(`/public/stories/${STORY}`)],
  session: async (read) => [await read('/me')],
  'development types': async (read) => [await read('/development-types')],
  health: async (read) => [await read('/health')],
  'OpenAPI document': async (read) => [await read('/docs-json')],
  'OpenAPI page asset': async (read) => [await read('/docs/swagger-ui.css')],
  'reporter page': async (read) => [await read('/')],
  'reporter page script': async (read) => [await read('/js/api.js')],
};

/** An alert id before every alert (position 0), to replay them all. */
const FIRST_ALERT = `0-${'0'.repeat(26)}`;

/** Every GET route of the API; a route added to ENDPOINTS without a sweeper fails the sweep. */
export const READ_ENDPOINTS: readonly Endpoint[] = ENDPOINTS.filter((endpoint) => endpoint.method === 'GET');

/** Every revision one by one, or only those around the values (a lighter sweep, to fill caches or look again). */
export type SweepDepth = 'every revision' | 'around the values';

/**
 * Reads every answer of every GET route: each revision (by number and by record time), each step and
 * many pairs of diffs, every page of revisions and changes, both timelines, the raw log as JSON and
 * NDJSON, log proofs, and the live streams' backlog from the first event. `baseUrl` is where the app
 * listens (the live streams need a real connection).
 */
export async function readEverything(test: TestApp, baseUrl: string, interesting: readonly number[], depth: SweepDepth): Promise<Answer[]> {
  const head = await test.store.streamRevision(storyStreamName(STORY));
  const treeSize = await test.store.headPosition();
  const recordedAts = new Map<number, string>();
  for await (const event of test.store.readStream(storyStreamName(STORY))) recordedAts.set(event.revision, String(event.metadata['recordedAt']));
  const revisions = depth === 'every revision' ? range(1, head) : interesting.filter((revision) => revision <= head);
  const alerts = ((await test.http.get('/alerts?limit=1000').set(asReporter).expect(200)).body as { items: unknown[] }).items.length;
  const watchIds = ((await test.http.get('/watches').set(asReporter).expect(200)).body as { items: { id: string }[] }).items.map((watch) => watch.id);
  const live = async (path: string, headers: Record<string, string>, expected: number): Promise<Answer> => {
    const connection: SseConnection = await connectSse(`${baseUrl}${path}`, { ...bearer(TOKENS.reporter), ...headers });
    try {
      await connection.waitForMessages(expected, 30_000);
      return { what: `GET ${path} ${JSON.stringify(headers)}`, text: connection.messages.map((message) => `${message.id ?? ''} ${message.data}`).join('\n') };
    } finally {
      connection.close();
    }
  };
  const context: SweepContext = { head, treeSize, storyEvents: await storyEventCount(test), revisions, recordedAts, interesting, depth, alerts, watchIds, live };
  const missing = READ_ENDPOINTS.filter((endpoint) => !SWEEPERS[endpoint.name]).map((endpoint) => endpoint.name);
  if (missing.length > 0) throw new Error(`No sweeper for the GET routes ${missing.join(', ')}: add one to test/support/redaction-sweep.ts`);
  const answers: Answer[] = [];
  for (const endpoint of READ_ENDPOINTS) {
    const read = (path: string, headers?: Record<string, string>) => get(test, path, endpoint.token, headers);
    answers.push(...(await SWEEPERS[endpoint.name]!(read, context)).map((answer) => ({ ...answer, what: `${endpoint.name}: ${answer.what}` })));
  }
  return answers;
}

/**
 * What the CLI says about the store, run in-process: export, export --all, replay at several
 * revisions, verify, and the log commands (`checkpointFile` holds a checkpoint saved before).
 */
export async function cliOutputs(env: Record<string, string>, revisions: readonly number[], checkpointFile: string): Promise<Answer[]> {
  const commands = [
    ['export', STORY],
    ['export', '--all'],
    ['replay', STORY],
    ...revisions.map((revision) => ['replay', STORY, '--revision', String(revision)]),
    ['verify', STORY],
    ['verify', '--all'],
    ['log', 'verify', '--checkpoint', checkpointFile],
    ...revisions.map((revision) => ['log', 'prove', STORY, String(revision), '--checkpoint', checkpointFile]),
  ];
  const answers: Answer[] = [];
  for (const argv of commands) {
    const stdout = new CapturedStream();
    const stderr = new CapturedStream();
    const code = await runCli(argv, { stdout, stderr, env });
    if (code !== 0) throw new Error(`story-tracker ${argv.join(' ')} exited ${code}: ${stderr.text}`);
    answers.push({ what: `cli ${argv.join(' ')}`, text: `${stdout.text}\n${stderr.text}` });
  }
  return answers;
}

/**
 * Once a redaction is answered: the deliveries still waiting are accepted (after one more refused
 * attempt, so none built before the answer is among them), and what the partner then receives, one
 * delivery per alert, is returned to be searched. Those refused before the answer had the values:
 * a webhook delivered cannot be recalled.
 */
export async function webhooksAfterRedaction(hooks: HeldWebhooks): Promise<Answer[]> {
  const refusedBefore = hooks.receiver.at('/hook').length;
  await hooks.receiver.waitFor('/hook', refusedBefore + 1);
  await new Promise((resolve) => setTimeout(resolve, 200));
  hooks.accept();
  const alertIds = new Set(hooks.receiver.at('/hook').map((request) => String(request.headers['webhook-id'])));
  const accepted = () => hooks.receiver.at('/hook').filter((request) => request.answered === 200);
  for (const deadline = Date.now() + 10_000; accepted().length < alertIds.size; ) {
    if (Date.now() > deadline) throw new Error(`${accepted().length} of ${alertIds.size} webhook deliveries accepted in 10 s`);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
  return accepted().map((request) => ({ what: `webhook ${String(request.headers['webhook-id'])}`, text: request.body }));
}
