import { Worker } from 'node:worker_threads';
import { join } from 'node:path';

/**
 * Real concurrency for the SQLite store: several worker threads, each with its own store instance
 * (its own connection) on one file, appending to one stream at the same moment. Within one thread
 * better-sqlite3 is synchronous, so only separate threads or processes can really race.
 */
export interface RaceOptions {
  readonly file: string;
  readonly streamId: string;
  readonly workers: number;
  readonly attemptsPerWorker: number;
  /** 'read-then-append': read the revision, then append expecting it. 'any': append with 'any'. */
  readonly mode: 'read-then-append' | 'any';
  /** Open the store only after the start signal, so the threads also race to open a new file. */
  readonly openTogether?: boolean;
}

export interface WorkerOutcome {
  readonly won: number;
  readonly conflicts: number;
  /** Anything other than a wrong-expected-revision conflict, e.g. SQLITE_BUSY. */
  readonly failures: readonly string[];
}

// Plain JavaScript run by each worker: a tiny require hook compiles the store's TypeScript with
// @swc/core (the workers do not run under jest's transform), then the worker waits for the start
// signal so that all of them begin together.
const WORKER_SOURCE = `
const { workerData, parentPort } = require('node:worker_threads');
const fs = require('node:fs');
const swc = require(workerData.swcCore);
require.extensions['.ts'] = (module, filename) => {
  const { code } = swc.transformSync(fs.readFileSync(filename, 'utf8'), {
    filename, swcrc: false, jsc: { parser: { syntax: 'typescript' }, target: 'es2022' },
    module: { type: 'commonjs' },
  });
  module._compile(code, filename);
};
const { openSqliteEventStore } = require(workerData.storeModule);
(async () => {
  const { file, streamId, attempts, mode, worker, start, openTogether } = workerData;
  let store;
  if (!openTogether) store = openSqliteEventStore({ file });
  parentPort.postMessage({ ready: true });
  Atomics.wait(new Int32Array(start), 0, 0);
  let won = 0, conflicts = 0;
  const failures = [];
  if (openTogether) {
    try {
      store = openSqliteEventStore({ file });
    } catch (error) {
      parentPort.postMessage({ done: { won, conflicts, failures: ['open: ' + String(error && error.message || error)] } });
      return;
    }
  }
  for (let attempt = 0; attempt < attempts; attempt++) {
    const seen = mode === 'any' ? null : await store.streamRevision(streamId);
    // A handler decides between reading and appending; this pause lets other threads commit then.
    if (mode !== 'any') await new Promise((resolve) => setTimeout(resolve, Math.random() * 2));
    try {
      await store.append(streamId, [{ type: 'Raced', data: { worker, attempt, seen }, metadata: {} }],
        { expectedRevision: mode === 'any' ? 'any' : seen });
      won++;
    } catch (error) {
      if (error && error.name === 'WrongExpectedRevisionError') conflicts++;
      else failures.push(String(error && error.message || error));
    }
  }
  await store.close();
  parentPort.postMessage({ done: { won, conflicts, failures } });
})().catch((error) => parentPort.postMessage({ done: { won: 0, conflicts: 0, failures: [String(error)] } }));
`;

export async function raceWorkers(options: RaceOptions, timeoutMs = 20_000): Promise<WorkerOutcome[]> {
  const start = new SharedArrayBuffer(4);
  const threads: Worker[] = [];
  const ready: Promise<void>[] = [];
  const done: Promise<WorkerOutcome>[] = [];
  for (let worker = 0; worker < options.workers; worker++) {
    const thread = new Worker(WORKER_SOURCE, {
      eval: true,
      workerData: {
        swcCore: require.resolve('@swc/core'),
        storeModule: join(__dirname, '..', 'sqlite-event-store.ts'),
        file: options.file,
        streamId: options.streamId,
        openTogether: options.openTogether ?? false,
        attempts: options.attemptsPerWorker,
        mode: options.mode,
        worker,
        start,
      },
    });
    threads.push(thread);
    const isReady = settleable<void>();
    const isDone = settleable<WorkerOutcome>();
    const fail = (error: Error) => {
      isReady.reject(error);
      isDone.reject(error);
    };
    thread.on('message', (message: { ready?: true; done?: WorkerOutcome }) => {
      // A worker that failed before it was ready reports done at once; that counts as ready too.
      if (message.ready || message.done) isReady.resolve();
      if (message.done) isDone.resolve(message.done);
    });
    thread.on('error', fail);
    thread.on('exit', (code) => fail(new Error(`Race worker ${worker} exited (${code}) before reporting`)));
    ready.push(isReady.promise);
    done.push(isDone.promise);
  }

  // A stuck worker must fail the test, not hang the run: terminate them all after the deadline.
  const deadline = setTimeout(() => {
    for (const thread of threads) void thread.terminate();
  }, timeoutMs);
  try {
    await Promise.all(ready);
    const flag = new Int32Array(start);
    Atomics.store(flag, 0, 1);
    Atomics.notify(flag, 0);
    return await Promise.all(done);
  } finally {
    clearTimeout(deadline);
    for (const outcome of done) outcome.catch(() => undefined);
  }
}

/** A promise with its resolve and reject at hand; settling it a second time does nothing. */
function settleable<T>() {
  let resolve!: (value: T) => void;
  let reject!: (error: Error) => void;
  const promise = new Promise<T>((ok, fail) => {
    resolve = ok;
    reject = fail;
  });
  return { promise, resolve, reject };
}
