import { join } from 'node:path';
import { Worker, type Transferable } from 'node:worker_threads';

const ENTRY = join(__dirname, 'thread-entry.js');
/** Running from the TypeScript sources (the tests) rather than from the build. */
const FROM_SOURCES = __filename.endsWith('.ts');

/**
 * Starts a worker thread that runs `run(data)` of the module `modulePath` (given without its
 * extension, beside its caller: `join(__dirname, 'name')`). From the build that is the compiled
 * `.js`; from the sources, the `.ts` compiled as it loads (thread-entry.js says how).
 */
export function startThread(modulePath: string, data: unknown, transferList: readonly Transferable[] = []): Worker {
  const workerData = {
    module: `${modulePath}${FROM_SOURCES ? '.ts' : '.js'}`,
    data,
    ...(FROM_SOURCES ? { swcCore: require.resolve('@swc/core') } : {}),
  };
  return new Worker(ENTRY, { workerData, transferList: [...transferList] });
}
