import 'reflect-metadata';
import { join } from 'node:path';
import { BASELINE_GET_SOURCE, startBareFastify } from './baselines/bare-fastify';
import { httpAppendCase } from './cases/http-append.case';
import { httpCurrentStateCase } from './cases/http-current-state.case';
import { STORY_SLUG } from './fixtures';
import { describeMachine } from './machine';
import { measureCase } from './measure';
import { formatTable, toCaseResults, writeReport, type BenchReport } from './report';
import { averageEventRowBytesIn } from './row-size';
import { LOAD } from './settings';
import { fetchCurrentState, openBenchStory } from './setup';
import { startOurApi } from './targets/our-api';

/** dist/bench/src → the repository's bench/results. */
const RESULTS_FOLDER = join(__dirname, '..', '..', '..', 'bench', 'results');

/**
 * `npm run bench`: our API and its bare Fastify baselines, measured in the same run with the same
 * load, written to bench/results and printed as a table. Benchmarks inform; nothing asserts them.
 */
async function main(): Promise<void> {
  const machine = describeMachine();
  process.stdout.write(`Machine: ${machine.cpus} × ${machine.cpuModel}, ${machine.memoryGiB} GiB, Node ${machine.node}, ${machine.platform}\n`);
  process.stdout.write(`Load: ${LOAD.connections} connections, ${LOAD.amount} requests per run (after ${LOAD.warmup} warm-up), median of ${LOAD.rounds} rounds\n\n`);

  const ours = await startOurApi();
  const baseline = await startBareFastify();
  try {
    await openBenchStory(ours);
    const append = await measureCase(httpAppendCase, ours, baseline, LOAD);

    const document = await fetchCurrentState(ours);
    baseline.storeDocument(STORY_SLUG, document);
    const currentState = await measureCase(httpCurrentStateCase, ours, baseline, LOAD);

    const rowBytes = { ours: averageEventRowBytesIn(join(ours.dataDir, 'events.sqlite')), baseline: baseline.averageRowBytes() };
    const report: BenchReport = {
      machine,
      date: new Date().toISOString(),
      settings: LOAD,
      cases: [...toCaseResults(append), ...toCaseResults(currentState)],
      details: {
        appendRowBytes: rowBytes,
        appendDurability: 'both sides: SQLite WAL, synchronous=FULL, one transaction per request, automatic checkpoint off, PASSIVE checkpoint every 1 s',
        currentStateDocumentBytes: Buffer.byteLength(document),
        baselineGetSource: BASELINE_GET_SOURCE,
        loadGenerator: 'autocannon in a worker thread of the same process; latency from its response events (sub-millisecond)',
      },
    };
    const dated = writeReport(report, RESULTS_FOLDER);
    process.stdout.write(`\n${formatTable(report.cases)}\n\n`);
    process.stdout.write(`Row bytes (data + metadata + hashes): ours ${rowBytes.ours}, baseline ${rowBytes.baseline}; current-state document ${Buffer.byteLength(document)} bytes\n`);
    process.stdout.write(`GET baseline: ${BASELINE_GET_SOURCE}\n`);
    process.stdout.write(`Written: ${join(RESULTS_FOLDER, 'latest.json')} and ${dated}\n`);
  } finally {
    await baseline.close();
    await ours.close();
  }
}

main().catch((error: unknown) => {
  process.stderr.write(`${(error as Error).stack ?? String(error)}\n`);
  process.exitCode = 1;
});
