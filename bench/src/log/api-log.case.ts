import { linkSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { openReadModelDatabase } from '@story-tracker/projections';
import { LogTree, SqliteTileStore, TILE_WIDTH, consistencyProof, inclusionProof } from '@story-tracker/verifiable-log';
import type { BareFastifyWithBytes } from '../baselines/bare-fastify';
import { forceGc } from '../history/force-gc';
import type { HistoryCaseResult } from '../history/history-result';
import { seededPrng, type Prng } from '../history/prng';
import { awaitLogLine, startApiProcess, type RunningApi } from '../scale/api-start';
import type { ScaleStore } from '../scale/scale-store.fixture';
import { median, round } from '../stats';
import { inWorkerThread } from '../worker-thread';
import type { HttpTarget } from '../targets/http-target';
import { formatSummary, latencyEntries, summarize, type LatencySamples } from './log-result';
import type { LogTiles } from './log-tiles.fixture';
import { proofPath, proofQuestions, type ProofQuestion } from './proof-questions';
import type { ProofTimingRequest, ProofTimingResult } from './proof-timing.worker';
import { readParseAndHashRows, verifyResult, type RawRead } from './read-log.case';
import { LOG, LOG_AUDITOR } from './settings';

const PROOF_TIMING_WORKER = join(__dirname, 'proof-timing.worker.js');
const GRANTS = [{ token: LOG_AUDITOR.token, actor: LOG_AUDITOR.actor, roles: ['auditor'] }];
/** How many answers of each series are compared with the library's proofs on the cached tiles (outside the timing). */
const CHECKED = 20;

interface ProofView {
  readonly hashes: readonly string[];
}

/**
 * The verifiable log through the real API (`node dist/apps/api/src/main.js`) on a DATA_DIR holding the
 * 1M-event scale store (hard-linked, never written) and no read models: the first start builds the
 * story list and the tree (their rates from the API's own progress lines), POST /log/verify of the
 * checkpoint it then signs (every event read again), and after a restart per kind (a tile cache as
 * cold as after any restart) LOG.proofs proofs cold, then as many warm, one at a time over keep-alive,
 * each followed by the bare Fastify route reading one tile and answering as many hashes (timed from a
 * worker thread of its own, see proof-timing.worker.ts).
 */
export async function measureLogThroughApi(
  store: ScaleStore,
  tiles: LogTiles,
  bare: BareFastifyWithBytes,
  say: (line: string) => void,
): Promise<{ proofCases: HistoryCaseResult[]; startCases: HistoryCaseResult[]; details: Record<string, unknown> }> {
  const dataDir = mkdtempSync(join(tmpdir(), 'story-tracker-log-api-'));
  linkSync(store.file, join(dataDir, 'events.sqlite'));
  bare.serveLogTiles(tiles.file);
  const env = { AUTH_TOKENS: JSON.stringify(GRANTS) };
  const library = openReadModelDatabase(tiles.file);
  const referenceTiles = new SqliteTileStore(library, { proofReader: true });
  const reference = new LogTree(referenceTiles, tiles.size);
  try {
    const first = await startApiProcess(dataDir, LOG.startTimeoutMs, env);
    let verify: { ms: number; treeSize: number };
    let raw: RawRead;
    let caughtUp: { storyList: Record<string, unknown>; tree: Record<string, unknown> };
    try {
      // The tree is built in the background after the start: wait for its line (the server answers meanwhile).
      caughtUp = { storyList: caughtUpLine(first, 'Read models caught up'), tree: await awaitLogLine(first, 'The verifiable log caught up', LOG.startTimeoutMs) };
      const checkpoint = await signedCheckpoint(first, tiles);
      // The baseline first, while the API is idle: the two never share the machine.
      raw = readParseAndHashRows(store.file);
      verify = await verifyCheckpoint(first, checkpoint);
    } finally {
      await first.stop();
    }
    const treeRate = Number(caughtUp.tree['eventsPerSecond']);
    const storyListRate = Number(caughtUp.storyList['eventsPerSecond']);
    say(
      `  log-api first start on ${store.events} events: healthy after ${(first.healthyMs / 1000).toFixed(1)} s; story list ${storyListRate} events/s (${caughtUp.storyList['elapsedMs']} ms), ` +
        `tree ${treeRate} events/s (${caughtUp.tree['elapsedMs']} ms); ` +
        `POST /log/verify of its checkpoint ${(verify.ms / 1000).toFixed(1)} s (${(store.events / (verify.ms / 1000)).toFixed(0)} events/s), baseline read + parse + SHA-256 ${(raw.ms / 1000).toFixed(1)} s`,
    );

    const series: { kind: ProofQuestion['kind']; cache: 'cold' | 'warm'; samples: LatencySamples }[] = [];
    const restarts: number[] = [];
    for (const [k, kind] of (['inclusion', 'consistency'] as const).entries()) {
      const api = await startApiProcess(dataDir, LOG.startTimeoutMs, env);
      restarts.push(api.healthyMs);
      try {
        const ours: HttpTarget = { name: 'ours', baseUrl: api.baseUrl, headers: { authorization: `Bearer ${LOG_AUDITOR.token}` }, close: () => api.stop() };
        const floor: HttpTarget = { name: 'bare-fastify', baseUrl: bare.baseUrl, headers: {}, close: async () => undefined };
        const tilePrng = seededPrng(LOG.seed + 300 + k);
        for (const [c, cache] of (['cold', 'warm'] as const).entries()) {
          const questions = proofQuestions(kind, LOG.proofs, tiles.size, seededPrng(LOG.seed + 200 + 10 * k + c));
          const samples = await timeProofs(ours, floor, questions, reference, tiles.size, tilePrng);
          series.push({ kind, cache, samples });
          say(`  log-${kind}-proof http ${cache}: ours ${formatSummary(summarize(samples.ours))}; bare route ${formatSummary(summarize(samples.baseline))}`);
        }
      } finally {
        await api.stop();
      }
    }

    const shape = `${store.events} events in ${store.stories} stories`;
    const startCases: HistoryCaseResult[] = [
      {
        name: 'log-api-1m first-start tree build',
        value: treeRate,
        unit: 'events/s',
        baseline: storyListRate,
        ratio: round(treeRate / storyListRate, 3),
        samples: { ours: 1, baseline: 1 },
        note:
          `${shape}, read-models.sqlite absent: the rate of the verifiable log's last progress line (${caughtUp.tree['elapsedMs']} ms); baseline the story list's in the same start ` +
          `(${caughtUp.storyList['elapsedMs']} ms; the two runners catch up one after the other); healthy after ${round(first.healthyMs / 1000, 1)} s; ratio = ours / baseline`,
      },
      verifyResult(verify.ms, verify.treeSize, store.stories, raw),
    ];
    const proofCases = series.flatMap(({ kind, cache, samples }) =>
      latencyEntries(
        `log-${kind}-proof http ${cache}`,
        samples,
        `${LOG.proofs} GET ${kind === 'inclusion' ? '/log/proofs/inclusion (index < treeSize' : '/log/proofs/consistency (from ≤ to'} ≤ ${tiles.size}) at random, one at a time, from the real API process ` +
          `on the 1M store, ${cache === 'cold' ? 'the first after a restart (tile cache empty)' : 'right after the cold series'}; baseline the bare Fastify route reading one random level-0 tile and answering as many hashes, right after each of ours, both timed from a worker thread with a heap of its own; target p99 ≤ 5 ms`,
      ),
    );
    return {
      proofCases,
      startCases,
      details: {
        logApi: {
          events: store.events,
          firstStart: { healthyMs: round(first.healthyMs, 0), rssMiB: round(first.rssMiB, 0), peakRssMiB: round(first.peakRssMiB, 0), storyList: caughtUp.storyList, tree: caughtUp.tree },
          restartHealthyMs: restarts.map((ms) => round(ms, 0)),
          restartMedianMs: round(median(restarts), 0),
          verifyMs: round(verify.ms, 0),
          rawReadParseHashMs: round(raw.ms, 0),
        },
      },
    };
  } finally {
    referenceTiles.close();
    library.close();
    rmSync(dataDir, { recursive: true, force: true });
  }
}

function caughtUpLine(api: RunningApi, message: string): Record<string, unknown> {
  const line = api.logLines.find((candidate) => candidate['msg'] === message);
  if (!line) throw new Error(`The API's first start logged no "${message}" line: did the read models exist already, or did the message change?`);
  return line;
}

interface SignedCheckpoint {
  readonly treeSize: number;
  readonly rootHash: string;
  readonly checkpoint: string;
}

/** GET /log/checkpoint; its tree must be the cached tiles' (the same events give the same tree). */
async function signedCheckpoint(api: RunningApi, tiles: LogTiles): Promise<SignedCheckpoint> {
  const head = (await (await fetch(`${api.baseUrl}/log/checkpoint`, { headers: { accept: 'application/json' } })).json()) as SignedCheckpoint;
  if (head.treeSize !== tiles.size || Buffer.from(head.rootHash, 'base64').toString('hex') !== tiles.rootHex) {
    throw new Error(`The API's checkpoint (${head.treeSize}, ${head.rootHash}) is not the cached tiles' tree`);
  }
  return head;
}

/** POST /log/verify of the checkpoint, timed to the last byte of the answer, which must say consistent. */
async function verifyCheckpoint(api: RunningApi, head: SignedCheckpoint): Promise<{ ms: number; treeSize: number }> {
  const started = performance.now();
  const response = await fetch(`${api.baseUrl}/log/verify`, { method: 'POST', headers: { authorization: `Bearer ${LOG_AUDITOR.token}`, 'content-type': 'text/plain' }, body: head.checkpoint });
  const body = (await response.json()) as { consistent?: boolean; treeSize?: number };
  const ms = performance.now() - started;
  if (response.status !== 200 || body.consistent !== true || body.treeSize !== head.treeSize) throw new Error(`POST /log/verify answered ${response.status}: ${JSON.stringify(body)}`);
  return { ms, treeSize: head.treeSize };
}

async function timeProofs(ours: HttpTarget, floor: HttpTarget, questions: readonly ProofQuestion[], reference: LogTree, size: number, tilePrng: Prng): Promise<LatencySamples> {
  const fullTiles = Math.floor(size / TILE_WIDTH);
  // The bare route answers as many hashes as ours will: the counts are known from the questions.
  const pairs = questions.map((question) => [proofPath(question), `/log-tiles/0/${tilePrng.int(0, fullTiles - 1)}?hashes=${expectedHashes(reference, question)}`] as const);
  // The bench's own garbage (the million rows of the baseline read just before) is collected now: the
  // timing thread has a heap of its own, but this thread's collection would still take a core.
  forceGc();
  const timing = await inWorkerThread<ProofTimingResult>(PROOF_TIMING_WORKER, { ours: { baseUrl: ours.baseUrl, authorization: ours.headers['authorization'] ?? '' }, bareBaseUrl: floor.baseUrl, pairs, keepBodies: CHECKED } satisfies ProofTimingRequest, 'proof timing worker');
  if (timing.failures.length > 0) throw new Error(timing.failures.join('\n'));
  for (const [i, body] of timing.bodies.entries()) {
    const question = questions[i]!;
    const { hashes } = JSON.parse(body) as ProofView;
    const expected = (question.kind === 'inclusion' ? inclusionProof(reference, question.a, question.b) : consistencyProof(reference, question.a, question.b)).map((hash) => hash.toString('base64'));
    if (JSON.stringify(expected) !== JSON.stringify(hashes)) throw new Error(`The API's ${question.kind} proof (${question.a}, ${question.b}) is not the library's`);
  }
  return { ours: timing.ours, baseline: timing.baseline };
}

/** How many hashes the proof for the question has (the library's, on the cached tiles). */
function expectedHashes(reference: LogTree, question: ProofQuestion): number {
  return (question.kind === 'inclusion' ? inclusionProof(reference, question.a, question.b) : consistencyProof(reference, question.a, question.b)).length;
}

