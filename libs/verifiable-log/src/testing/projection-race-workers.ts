import { Worker } from 'node:worker_threads';
import { join } from 'node:path';

/**
 * Instances of the log's projection racing for real: worker threads, each with its own connection to
 * one read-model file (WAL, a busy timeout, as openReadModelDatabase sets up), each applying the same
 * events 1..`events` in batches of its own sizes, starting together. The events' hashes are the
 * entries of testing/log-entries.ts, so the tree they must end with is MTH over logEntries(events).
 */
export interface ProjectionRaceOptions {
  readonly file: string;
  readonly workers: number;
  readonly events: number;
  /** Batches are 1 to this many events (each worker's sizes differ: they are seeded by its number). */
  readonly maxBatch: number;
}

export interface ProjectionRaceOutcome {
  /** How many of its apply calls found nothing new (another instance had applied it all). */
  readonly emptyApplies: number;
  readonly applies: number;
  readonly failures: readonly string[];
}

const WORKER_SOURCE = `
const { workerData, parentPort } = require('node:worker_threads');
const fs = require('node:fs');
const { createHash } = require('node:crypto');
const swc = require(workerData.swcCore);
require.extensions['.ts'] = (module, filename) => {
  const { code } = swc.transformSync(fs.readFileSync(filename, 'utf8'), {
    filename, swcrc: false, jsc: { parser: { syntax: 'typescript' }, target: 'es2022' },
    module: { type: 'commonjs' },
  });
  module._compile(code, filename);
};
const Database = require(workerData.betterSqlite3);
const { SqliteTileStore } = require(workerData.tileStoreModule);
const { LogTreeProjection } = require(workerData.projectionModule);
const { file, worker, workers, events, maxBatch, arrivals } = workerData;
const db = new Database(file);
db.pragma('busy_timeout = 10000');
db.pragma('journal_mode = WAL');
const projection = new LogTreeProjection(new SqliteTileStore(db));
const event = (position) => ({
  streamId: 's', revision: position, globalPosition: position, type: 'T', data: '{}', metadata: '{}',
  hash: createHash('sha256').update('entry ' + (position - 1)).digest('hex'), previousHash: '0'.repeat(64),
});
let seed = worker + 1;
const random = () => ((seed = (seed * 1103515245 + 12345) % 2147483648) / 2147483648);
const arrived = new Int32Array(arrivals);
Atomics.add(arrived, 0, 1);
while (Atomics.load(arrived, 0) < workers) {}
let applies = 0, emptyApplies = 0;
const failures = [];
for (let next = 1; next <= events; ) {
  // A batch that starts a little before where this instance got to, as a follower re-reading would.
  const from = Math.max(1, next - Math.floor(random() * 5));
  const to = Math.min(events, next + Math.floor(random() * maxBatch));
  const batch = [];
  for (let position = from; position <= to; position++) batch.push(event(position));
  const before = projection.checkpoint();
  try {
    projection.apply(batch);
    applies++;
    if (projection.checkpoint() === before) emptyApplies++;
  } catch (error) {
    failures.push(String((error && error.message) || error));
  }
  next = to + 1;
}
db.close();
parentPort.postMessage({ applies, emptyApplies, failures });
`;

export async function raceProjections(options: ProjectionRaceOptions, timeoutMs = 20_000): Promise<ProjectionRaceOutcome[]> {
  const arrivals = new SharedArrayBuffer(4);
  const shared = {
    ...options,
    arrivals,
    swcCore: require.resolve('@swc/core'),
    betterSqlite3: require.resolve('better-sqlite3'),
    tileStoreModule: join(__dirname, '..', 'tiles', 'sqlite-tile-store.ts'),
    projectionModule: join(__dirname, '..', 'projection', 'log-tree.projection.ts'),
  };
  const threads = Array.from({ length: options.workers }, (_, worker) => new Worker(WORKER_SOURCE, { eval: true, workerData: { ...shared, worker } }));
  try {
    return await Promise.all(
      threads.map(
        (thread) =>
          new Promise<ProjectionRaceOutcome>((resolve, reject) => {
            const timer = setTimeout(() => reject(new Error('A projection race worker did not finish in time')), timeoutMs);
            thread.once('message', (outcome: ProjectionRaceOutcome) => {
              clearTimeout(timer);
              resolve(outcome);
            });
            thread.once('error', reject);
          }),
      ),
    );
  } finally {
    await Promise.all(threads.map((thread) => thread.terminate()));
  }
}
