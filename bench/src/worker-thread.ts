import { Worker } from 'node:worker_threads';

/** Runs `file` in a fresh worker thread with `data` and resolves with the one message it answers. */
export function inWorkerThread<Result>(file: string, data: unknown, what: string): Promise<Result> {
  return new Promise((resolve, reject) => {
    const worker = new Worker(file, { workerData: data });
    let answered = false;
    worker.once('message', (result: Result) => {
      answered = true;
      resolve(result);
    });
    worker.once('error', reject);
    worker.once('exit', (code) => {
      if (!answered) reject(new Error(`The ${what} exited with code ${code} before answering`));
    });
  });
}
