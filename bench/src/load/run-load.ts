import { join } from 'node:path';
import { Worker } from 'node:worker_threads';
import type { LoadRequest, LoadResult } from './load-result';

const WORKER_FILE = join(__dirname, 'autocannon.worker.js');

/** Runs one load in a fresh worker thread and resolves with what it measured. */
export function runLoad(request: LoadRequest): Promise<LoadResult> {
  return new Promise((resolve, reject) => {
    const worker = new Worker(WORKER_FILE, { workerData: request });
    let answered = false;
    worker.once('message', (result: LoadResult) => {
      answered = true;
      resolve(result);
    });
    worker.once('error', reject);
    worker.once('exit', (code) => {
      if (!answered) reject(new Error(`The load worker exited with code ${code} before answering`));
    });
  });
}
