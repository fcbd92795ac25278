import { Worker } from 'node:worker_threads';
import { join } from 'node:path';

/**
 * Instances starting together on one DATA_DIR, for real: worker threads that each call
 * loadLogIdentity on the same fresh folder at the same moment, folder after folder. Within one thread
 * the file calls are synchronous, so only separate threads (or processes) can race.
 */
export interface IdentityRaceOptions {
  /** Folder i of the race is `${base}/i` (not made beforehand: the instances make it). */
  readonly base: string;
  readonly workers: number;
  readonly rounds: number;
}

/** What one worker got in one round: the identity it loaded, or the error it threw. */
export type IdentityOutcome = { readonly origin: string; readonly publicKey: string } | { readonly error: string };

// Plain JavaScript run by each worker: a require hook compiles the lib's TypeScript with @swc/core (the
// workers do not run under jest's transform). Before each round every worker spins until all have
// arrived, so that they call loadLogIdentity within microseconds of each other.
const WORKER_SOURCE = `
const { workerData, parentPort } = require('node:worker_threads');
const fs = require('node:fs');
const path = require('node:path');
const swc = require(workerData.swcCore);
require.extensions['.ts'] = (module, filename) => {
  const { code } = swc.transformSync(fs.readFileSync(filename, 'utf8'), {
    filename, swcrc: false, jsc: { parser: { syntax: 'typescript' }, target: 'es2022' },
    module: { type: 'commonjs' },
  });
  module._compile(code, filename);
};
const { loadLogIdentity } = require(workerData.identityModule);
const { base, workers, rounds, arrivals } = workerData;
const arrived = new Int32Array(arrivals);
const outcomes = [];
for (let round = 0; round < rounds; round++) {
  Atomics.add(arrived, 0, 1);
  while (Atomics.load(arrived, 0) < workers * (round + 1)) {}
  try {
    const { key } = loadLogIdentity({ dataDir: path.join(base, String(round)) });
    outcomes.push({ origin: key.name, publicKey: key.publicKey.toString('hex') });
  } catch (error) {
    outcomes.push({ error: String((error && error.message) || error) });
  }
}
parentPort.postMessage(outcomes);
`;

/** Each worker's outcomes, round by round. */
export async function raceIdentityLoads(options: IdentityRaceOptions, timeoutMs = 20_000): Promise<IdentityOutcome[][]> {
  const arrivals = new SharedArrayBuffer(4);
  const workerData = {
    ...options,
    arrivals,
    swcCore: require.resolve('@swc/core'),
    identityModule: join(__dirname, '..', 'identity', 'log-identity.ts'),
  };
  const threads = Array.from({ length: options.workers }, () => new Worker(WORKER_SOURCE, { eval: true, workerData }));
  try {
    return await Promise.all(
      threads.map(
        (thread) =>
          new Promise<IdentityOutcome[]>((resolve, reject) => {
            const timer = setTimeout(() => reject(new Error('An identity race worker did not finish in time')), timeoutMs);
            thread.once('message', (outcomes: IdentityOutcome[]) => {
              clearTimeout(timer);
              resolve(outcomes);
            });
            thread.once('error', reject);
          }),
      ),
    );
  } finally {
    await Promise.all(threads.map((thread) => thread.terminate()));
  }
}
