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

/**
 * What the process holds after a full GC, in MiB: the JavaScript heap and the array buffers outside it
 * (a state decoded from a snapshot keeps its bytes there, in a Buffer, and parses its entries lazily).
 */
export function heldMiB(): number {
  forceGc();
  const { heapUsed, arrayBuffers } = process.memoryUsage();
  return (heapUsed + arrayBuffers) / 1024 ** 2;
}
