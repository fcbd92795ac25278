import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';

/**
 * A full garbage collection, so that heap figures count what is kept, not what is waiting to be
 * collected. `npm run bench` starts node without --expose-gc; the flag can still be set at run time,
 * and a new context then sees `gc`.
 */
export function forceGc(): void {
  setFlagsFromString('--expose-gc');
  const gc = runInNewContext('gc') as () => void;
  gc();
  gc();
}

export function heapUsedMiB(): number {
  forceGc();
  return process.memoryUsage().heapUsed / 1024 ** 2;
}
