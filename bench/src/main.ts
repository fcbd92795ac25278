// First, before anything that an older Node.js would fail on less clearly.
import '@story-tracker/runtime/require-supported-node';
import 'reflect-metadata';
import { join } from 'node:path';
import { BASELINE_GET_SOURCE, startBareFastify } from './baselines/bare-fastify';
import { measureFsyncRate } from './fsync-rate';
import { runHistoryCases } from './history/run-history';
import { runScaleCases } from './scale/run-scale';
import { runLogCases } from './log/run-log';
import type { LiveLag } from './instances/live-lag';
import { runPostgresInstances, runSqliteInstances } from './instances/run-instances';
import { describeMachine } from './machine';
import { formatNotes, formatTable, writeReport, type BenchReport } from './report';
import { BENCH_GROUPS, selectedGroups } from './groups';
import { LOAD } from './settings';
import { startOurApi, type OurApi } from './targets/our-api';
import { runHttpCases } from './http/run-http';

/** dist/bench/src → the repository's bench/results. */
const RESULTS_FOLDER = join(__dirname, '..', '..', '..', 'bench', 'results');

const say = (line = '') => process.stdout.write(`${line}\n`);

/**
 * `npm run bench`: our API and its bare Fastify baselines, measured in the same run with the same
 * load, written to bench/results and printed as a table. Benchmarks inform; nothing asserts them.
 */
async function main(): Promise<void> {
  const groups = selectedGroups(process.env['BENCH_ONLY']);
  const machine = describeMachine();
  const fsyncBefore = measureFsyncRate();
  say(`Machine: ${machine.cpus} × ${machine.cpuModel}, ${machine.memoryGiB} GiB, Node ${machine.node}, ${machine.platform}; fsync now ≈ ${fsyncBefore}/s`);
  say(`Load: ${LOAD.connections} connections, ${LOAD.amount} requests per run after ${LOAD.warmup} warm-up, median of ${LOAD.rounds} rounds\n`);

  const baseline = await startBareFastify();
  // The history cases run our API in this process (they restart it and look into its folds).
  let ours: OurApi | undefined;
  try {
    const http = groups.has('http') ? await runHttpCases(baseline, LOAD) : undefined;
    const rowBytes = http?.rowBytes;

    ours = groups.has('history') ? await startOurApi() : undefined;
    const history = ours ? await runHistoryCases(ours, baseline) : undefined;
    // The history cases restart our API on the same DATA_DIR; the new instance is the one to close.
    if (history) ours = history.ours;

    let sqliteInstances: Awaited<ReturnType<typeof runSqliteInstances>> | undefined;
    if (groups.has('instances')) {
      say('\n  many instances: two API processes on one SQLite DATA_DIR');
      sqliteInstances = await runSqliteInstances(baseline, LOAD);
      sayLag('sqlite', sqliteInstances.lag);
    }
    let postgres: Awaited<ReturnType<typeof runPostgresInstances>>;
    if (groups.has('postgres')) {
      say('\n  PostgreSQL: our API on a throwaway cluster beside a bare Fastify + pg route on the same server');
      postgres = await runPostgresInstances(LOAD);
      if (postgres) sayLag('postgres', postgres.lag);
    }

    let scale: Awaited<ReturnType<typeof runScaleCases>> | undefined;
    if (groups.has('scale')) {
      say('\n  scale: the API started on 1,000,000 and 10,000,000 events after a bulk import (first start, then restarts)');
      scale = await runScaleCases(say);
    }

    let log: Awaited<ReturnType<typeof runLogCases>> | undefined;
    if (groups.has('log')) {
      say('\n  log: the verifiable log on 1,000,000 events (proofs in-process and through the API, the cost the tree adds to an append and a catch-up, readLog and POST /log/verify)');
      log = await runLogCases(baseline, say);
    }

    const fsyncAfter = measureFsyncRate();
    const report: BenchReport = {
      machine,
      date: new Date().toISOString(),
      settings: LOAD,
      ...(groups.size < BENCH_GROUPS.length && { groups: [...groups] }),
      cases: [...(http?.cases ?? []), ...(history?.cases ?? []), ...(sqliteInstances?.cases ?? []), ...(postgres?.cases ?? []), ...(scale?.cases ?? []), ...(log?.cases ?? [])],
      details: {
        fsyncPerSecond: { before: fsyncBefore, after: fsyncAfter },
        ...(rowBytes && { appendRowBytes: rowBytes }),
        appendDurability: 'both sides: SQLite WAL, synchronous=FULL, one transaction per request, automatic checkpoint off, PASSIVE checkpoint every 1 s',
        baselineGetSource: BASELINE_GET_SOURCE,
        loadGenerator: 'autocannon in a worker thread of the bench process; latency from its response events (sub-millisecond); req/s up to the last answer',
        httpTargets: 'ours: one API process (node dist/apps/api/src/main.js, as npm start runs it) on a fresh DATA_DIR; baseline: bare Fastify in the bench process',
        ...history?.details,
        ...scale?.details,
        ...log?.details,
        liveLag: { ...(sqliteInstances && { 'sqlite-2-processes': sqliteInstances.lag }), ...(postgres && { 'postgres-2-processes': postgres.lag }) },
      },
    };
    const dated = writeReport(report, RESULTS_FOLDER, groups.size === BENCH_GROUPS.length);
    say(`\n${formatTable(report.cases)}\n`);
    say(formatNotes(report.cases));
    say(`\n${rowBytes ? `Row bytes (data + metadata + hashes): ours ${rowBytes.ours}, baseline ${rowBytes.baseline}; ` : ''}fsync ≈ ${fsyncBefore}/s before, ${fsyncAfter}/s after`);
    say(`GET baseline: ${BASELINE_GET_SOURCE}`);
    say(`Written: ${groups.size === BENCH_GROUPS.length ? `${join(RESULTS_FOLDER, 'latest.json')} and ` : ''}${dated}`);
  } finally {
    await baseline.close();
    await ours?.close();
  }
}

function sayLag(store: string, lag: LiveLag): void {
  say(`  live lag on ${store}, ${lag.writes} writes: to the other instance's stream p50 ${lag.otherInstance.p50Ms} ms / p99 ${lag.otherInstance.p99Ms} ms; to the writer's own p50 ${lag.sameInstance.p50Ms} / p99 ${lag.sameInstance.p99Ms} ms`);
}


main().catch((error: unknown) => {
  process.stderr.write(`${(error as Error).stack ?? String(error)}\n`);
  process.exitCode = 1;
});
