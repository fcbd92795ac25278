import { performance } from 'node:perf_hooks';
import { openReadModelDatabase } from '@story-tracker/projections';
import { LogTree, SqliteTileStore, TILE_WIDTH, consistencyProof, inclusionProof, rootHash, verifyConsistency, verifyInclusion, type Hash } from '@story-tracker/verifiable-log';
import type Database from 'better-sqlite3';
import { forceGc } from '../history/force-gc';
import type { HistoryCaseResult } from '../history/history-result';
import { seededPrng, type Prng } from '../history/prng';
import { formatSummary, latencyEntries, summarize, type LatencySamples } from './log-result';
import type { LogTiles } from './log-tiles.fixture';
import { proofQuestions, type ProofQuestion } from './proof-questions';
import { LOG } from './settings';

export interface ProofSeries {
  readonly kind: ProofQuestion['kind'];
  readonly cache: 'cold' | 'warm';
  /** Wall time of each proof and of each bare lookup. */
  readonly samples: LatencySamples;
}

/** How many proofs of each series are checked with the RFC's verifiers (outside the timing). */
const CHECKED = 20;

/**
 * Inclusion and consistency proofs from the library (`inclusionProof` / `consistencyProof` over a
 * `LogTree` on a `SqliteTileStore`), in this process, on the cached tiles of the 1M-event log. Per
 * kind: a fresh connection and a fresh LogTree (its tile cache empty: "cold", as after a restart),
 * LOG.proofs questions at random, then as many others on the same tree ("warm"). The baseline, asked
 * right after each of ours on the same connection: one plain `SELECT hashes FROM log_tiles WHERE level =
 * 0 AND tile = ?` of a random full tile (a bare lookup; every proof needs at least one tile). The first
 * few proofs of each series are checked with the RFC 9162 verifiers, outside the timing.
 */
export function measureProofsInProcess(tiles: LogTiles, say: (line: string) => void): HistoryCaseResult[] {
  const series: ProofSeries[] = [];
  const kinds = ['inclusion', 'consistency'] as const;
  kinds.forEach((kind, k) => {
    const db = openReadModelDatabase(tiles.file);
    // As the API keeps its tiles: proofs read through a connection of the store's own (see SqliteTileStore).
    const store = new SqliteTileStore(db, { proofReader: true });
    try {
      const tree = new LogTree(store, tiles.size);
      const bare = bareLookup(db, tiles.size, seededPrng(LOG.seed + 100 + k));
      (['cold', 'warm'] as const).forEach((cache, c) => {
        const questions = proofQuestions(kind, LOG.proofs, tiles.size, seededPrng(LOG.seed + 10 * k + c));
        const samples = timeProofs(tree, questions, bare);
        series.push({ kind, cache, samples });
        say(`  log-${kind}-proof in-process ${cache}: ours ${formatSummary(summarize(samples.ours))}; bare tile lookup ${formatSummary(summarize(samples.baseline))}`);
      });
    } finally {
      store.close();
      db.close();
    }
  });
  return series.flatMap(({ kind, cache, samples }) =>
    latencyEntries(
      `log-${kind}-proof in-process ${cache}`,
      samples,
      `${LOG.proofs} ${kind} proofs at random (${kind === 'inclusion' ? 'index < treeSize ≤' : 'from ≤ to ≤'} ${tiles.size}) from the library on the tiles in SQLite, ` +
        `${cache === 'cold' ? 'a fresh connection and LogTree (tile cache empty)' : 'the same LogTree right after the cold series'}; ` +
        'baseline one plain SELECT of a random level-0 tile on the same connection, right after each of ours; target p99 ≤ 5 ms',
    ),
  );
}

function timeProofs(tree: LogTree, questions: readonly ProofQuestion[], bare: () => number): LatencySamples {
  const samples = { ours: [] as number[], baseline: [] as number[] };
  const roots = new Map<number, Hash>();
  const time = <T>(side: 'ours' | 'baseline', work: () => T): T => {
    const started = performance.now();
    const result = work();
    samples[side].push(performance.now() - started);
    return result;
  };
  // What the bench made before (fixtures, other series) is collected now, not during the series.
  forceGc();
  questions.forEach((question, i) => {
    const proof = time('ours', () => (question.kind === 'inclusion' ? inclusionProof(tree, question.a, question.b) : consistencyProof(tree, question.a, question.b)));
    // A full tile is its 256 entries and the 255 nodes above them (see LogTree).
    if (time('baseline', bare) !== (2 * TILE_WIDTH - 1) * 32) throw new Error('A bare tile lookup found no full tile');
    if (i < CHECKED) check(tree, question, proof, roots);
  });
  return samples;
}

/** The proof as a client checks it, against roots computed from the tiles (outside the timing). */
function check(tree: LogTree, question: ProofQuestion, proof: readonly Hash[], roots: Map<number, Hash>): void {
  const root = (size: number) => roots.get(size) ?? roots.set(size, rootHash(tree, size)).get(size)!;
  const ok =
    question.kind === 'inclusion'
      ? verifyInclusion(tree.completeSubtree(0, question.a), question.a, question.b, proof, root(question.b))
      : verifyConsistency(question.a, question.b, proof, root(question.a), root(question.b));
  if (!ok) throw new Error(`The ${question.kind} proof (${question.a}, ${question.b}) does not verify`);
}

/** One plain read of a random full level-0 tile; returns its length in bytes. */
function bareLookup(db: Database.Database, size: number, prng: Prng): () => number {
  const read = db.prepare<[number, number], { hashes: Buffer }>('SELECT hashes FROM log_tiles WHERE level = ? AND tile = ?');
  const fullTiles = Math.floor(size / TILE_WIDTH);
  return () => read.get(0, prng.int(0, fullTiles - 1))?.hashes.length ?? 0;
}
