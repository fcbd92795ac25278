import { percentile, type LoadRequest, type LoadResult } from './load-result';
import { runLoad } from './run-load';

/**
 * One load spread over several servers at once (two instances behind a load balancer): each gets
 * its share of the connections and requests, all run side by side, and the result is their sum —
 * requests per second over the longest of the runs, percentiles over every latency together.
 */
export async function runSplitLoad(requests: readonly LoadRequest[]): Promise<LoadResult> {
  const results = await Promise.all(requests.map((request) => runLoad({ ...request, keepLatencies: true })));
  const latencies = results.flatMap((result) => result.latencies ?? []).sort((a, b) => a - b);
  const seconds = Math.max(...results.map((result) => result.seconds));
  const statusCodes: Record<string, number> = {};
  for (const result of results) {
    for (const [code, count] of Object.entries(result.statusCodes)) statusCodes[code] = (statusCodes[code] ?? 0) + count;
  }
  return {
    ok: results.reduce((sum, result) => sum + result.ok, 0),
    failed: results.reduce((sum, result) => sum + result.failed, 0),
    statusCodes,
    seconds,
    requestsPerSecond: latencies.length / seconds,
    p50Ms: percentile(latencies, 50),
    p99Ms: percentile(latencies, 99),
  };
}

/** `count` split as evenly as whole numbers allow into `parts`. */
export function shares(count: number, parts: number): number[] {
  return Array.from({ length: parts }, (_, index) => Math.floor(count / parts) + (index < count % parts ? 1 : 0));
}
