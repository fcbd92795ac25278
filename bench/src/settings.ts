/**
 * One set of load settings for every case, ours and baseline alike, so that a ratio compares like
 * with like. Rounds alternate ours and the baseline and the median is reported, which damps the
 * noise of a small shared machine better than one long run would.
 */
export interface LoadSettings {
  /** Concurrent keep-alive connections. */
  readonly connections: number;
  /** Requests in one measured run. */
  readonly amount: number;
  /** Requests sent (and thrown away) before each measured run, so the JIT and caches are warm. */
  readonly warmup: number;
  /** Measured runs per case and side; the median is reported. */
  readonly rounds: number;
}

export const LOAD: LoadSettings = { connections: 10, amount: 3000, warmup: 300, rounds: 3 };
