import { join } from 'node:path';
import { inWorkerThread } from '../worker-thread';
import type { LoadRequest, LoadResult } from './load-result';

const WORKER_FILE = join(__dirname, 'autocannon.worker.js');

/** Runs one load in a fresh worker thread and resolves with what it measured. */
export function runLoad(request: LoadRequest): Promise<LoadResult> {
  return inWorkerThread<LoadResult>(WORKER_FILE, request, 'load worker');
}
