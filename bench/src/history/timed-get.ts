import { performance } from 'node:perf_hooks';
import type { HttpTarget } from '../targets/http-target';

export interface TimedResponse {
  readonly ms: number;
  readonly bytes: number;
  readonly body: ArrayBuffer;
}

/**
 * One GET, timed from sending to the last byte of the body (read as bytes: decoding a document of
 * several megabytes into a string would put the client's work on our figure). Anything but 200 stops
 * the bench.
 */
export async function timedGet(target: HttpTarget, path: string): Promise<TimedResponse> {
  const started = performance.now();
  const response = await fetch(`${target.baseUrl}${path}`, { headers: { authorization: target.headers['authorization'] ?? '' } });
  const body = await response.arrayBuffer();
  const ms = performance.now() - started;
  if (response.status !== 200) throw new Error(`GET ${path} answered ${response.status}: ${Buffer.from(body).toString('utf8', 0, 500)}`);
  return { ms, bytes: body.byteLength, body };
}

/** Wall time of a synchronous call, in ms. */
export function timed<T>(work: () => T): { ms: number; result: T } {
  const started = performance.now();
  const result = work();
  return { ms: performance.now() - started, result };
}
