import { parentPort, workerData } from 'node:worker_threads';
import { performance } from 'node:perf_hooks';

/** What the worker is asked: pairs of GETs, ours then the bare route's, one at a time. */
export interface ProofTimingRequest {
  readonly ours: { readonly baseUrl: string; readonly authorization: string };
  readonly bareBaseUrl: string;
  /** Our path and the bare route's path of each pair, in order. */
  readonly pairs: readonly (readonly [string, string])[];
  /** How many of our answers to send back whole (to be checked against the library). */
  readonly keepBodies: number;
}

export interface ProofTimingResult {
  readonly ours: number[];
  readonly baseline: number[];
  /** Our answers' bodies, the first `keepBodies` of them, and the number of hashes in every answer. */
  readonly bodies: string[];
  readonly failures: string[];
}

/**
 * Times the proofs over HTTP in a thread of its own: the bench's main thread holds the heap of every
 * case before (hundreds of MiB in a whole run), and its collections, landing in the middle of a timed
 * request, were counted against whichever request they hit (against ours more often, being longer).
 * This thread's heap holds only what these requests make.
 */
async function time(request: ProofTimingRequest): Promise<ProofTimingResult> {
  const result: ProofTimingResult = { ours: [], baseline: [], bodies: [], failures: [] };
  const get = async (url: string, authorization?: string) => {
    const started = performance.now();
    const response = await fetch(url, authorization === undefined ? {} : { headers: { authorization } });
    const body = await response.text();
    const ms = performance.now() - started;
    if (response.status !== 200) result.failures.push(`GET ${url} answered ${response.status}: ${body.slice(0, 300)}`);
    return { ms, body };
  };
  for (const [index, [oursPath, barePath]] of request.pairs.entries()) {
    const ours = await get(`${request.ours.baseUrl}${oursPath}`, request.ours.authorization);
    result.ours.push(ours.ms);
    if (index < request.keepBodies) result.bodies.push(ours.body);
    result.baseline.push((await get(`${request.bareBaseUrl}${barePath}`)).ms);
    if (result.failures.length > 0) break;
  }
  return result;
}

void time(workerData as ProofTimingRequest).then((result) => parentPort!.postMessage(result));
