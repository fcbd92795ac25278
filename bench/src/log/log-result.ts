import { LATENCY_NOTE } from '../case-results';
import type { HistoryCaseResult } from '../history/history-result';
import { percentile } from '../history/percentile';
import { round } from '../stats';

/** A series of latencies in ms, ours and the baseline's, one of each per question asked (alternating). */
export interface LatencySamples {
  readonly ours: readonly number[];
  readonly baseline: readonly number[];
}

export interface LatencySummary {
  readonly p50: number;
  readonly p99: number;
  readonly max: number;
}

export function summarize(samples: readonly number[]): LatencySummary {
  return { p50: round(percentile(samples, 50), 3), p99: round(percentile(samples, 99), 3), max: round(Math.max(...samples), 3) };
}

/**
 * p50, p99 and max entries of a latency series (nearest rank), ratio = baseline / ours (higher is
 * better, as for every latency case). No per-sample ratios: thousands of them would drown the file;
 * `samples` says how many each side took.
 */
export function latencyEntries(name: string, series: LatencySamples, note: string): HistoryCaseResult[] {
  const ours = summarize(series.ours);
  const baseline = summarize(series.baseline);
  return (['p50', 'p99', 'max'] as const).map((key) => ({
    name: `${name} ${key} latency`,
    value: round(ours[key], 3),
    unit: 'ms',
    baseline: round(baseline[key], 3),
    ratio: round(baseline[key] / ours[key], 3),
    samples: { ours: series.ours.length, baseline: series.baseline.length },
    note: `${LATENCY_NOTE}; ${note}`,
  }));
}

export function formatSummary(summary: LatencySummary): string {
  return `p50 ${summary.p50.toFixed(3)} / p99 ${summary.p99.toFixed(3)} / max ${summary.max.toFixed(3)} ms`;
}
