/** What one measured run tells: throughput and latency of the answers that succeeded. */
export interface LoadResult {
  /** Requests answered with a 2xx. */
  readonly ok: number;
  /** Requests answered with anything else, or that failed or timed out. */
  readonly failed: number;
  /** Status codes seen, with counts, so a failing run can be diagnosed. */
  readonly statusCodes: Readonly<Record<string, number>>;
  readonly seconds: number;
  /** 2xx answers per second of wall-clock time. */
  readonly requestsPerSecond: number;
  /** Latency percentiles of the 2xx answers in milliseconds, at sub-millisecond resolution. */
  readonly p50Ms: number;
  readonly p99Ms: number;
  /** Every 2xx latency (ms), when the request asked for them: to merge loads run side by side. */
  readonly latencies?: readonly number[];
}

export interface LoadRequest {
  readonly url: string;
  readonly method: 'GET' | 'POST';
  readonly headers: Readonly<Record<string, string>>;
  readonly body?: string;
  readonly connections: number;
  readonly amount: number;
  /**
   * Paths given out one per connection, in turn (connection i sends every request to
   * paths[i % paths.length]); without it every connection uses the url's path.
   */
  readonly pathPerConnection?: readonly string[];
  /** Send back every latency too (see LoadResult.latencies). */
  readonly keepLatencies?: boolean;
}

/** Nearest-rank percentile of values sorted ascending. */
export function percentile(sorted: readonly number[], p: number): number {
  if (sorted.length === 0) return Number.NaN;
  const rank = Math.ceil((p / 100) * sorted.length);
  return sorted[Math.min(sorted.length, Math.max(1, rank)) - 1]!;
}
