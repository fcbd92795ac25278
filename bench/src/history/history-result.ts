import { LATENCY_NOTE } from '../case-results';
import { round } from '../stats';
import { percentile } from './percentile';

/**
 * One entry of the report for the history cases. Unlike the HTTP cases there are no rounds: each
 * figure comes from one series of samples per side (`samples` says how many). `baseline` and
 * `ratio` are null where there is nothing to compare with, and the note says why.
 */
export interface HistoryCaseResult {
  readonly name: string;
  readonly value: number;
  readonly unit: string;
  readonly baseline: number | null;
  /** Higher is better: baseline / ours for times, ours / baseline for rates. */
  readonly ratio: number | null;
  readonly samples?: { readonly ours: number; readonly baseline: number };
  /** baseline / ours for each sample both sides measured (the same revision), to see the spread. */
  readonly pairedRatios?: readonly number[];
  readonly note?: string;
}

/** Milliseconds per sample; the first `baseline.length` of `ours` asked for the same revisions as `baseline`, in order. */
export interface LatencySeries {
  readonly ours: readonly number[];
  readonly baseline: readonly number[];
}

/** p50 and p99 entries of a latency case; ratio = baseline / ours (higher is better). */
export function latencyResults(name: string, series: LatencySeries, note: string): HistoryCaseResult[] {
  const pairedRatios = series.baseline.map((ms, i) => round(ms / series.ours[i]!, 1));
  return ([50, 99] as const).map((p) => {
    const value = percentile(series.ours, p);
    const baseline = percentile(series.baseline, p);
    return {
      name: `${name} p${p} latency`,
      value: round(value, 2),
      unit: 'ms',
      baseline: round(baseline, 2),
      ratio: round(baseline / value, 2),
      samples: { ours: series.ours.length, baseline: series.baseline.length },
      pairedRatios,
      note: `${LATENCY_NOTE}; ${note}`,
    };
  });
}

export function mib(bytes: number): number {
  return round(bytes / 1024 ** 2, 2);
}

export function kib(bytes: number): number {
  return round(bytes / 1024, 1);
}
