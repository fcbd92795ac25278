import type { LoadResult } from './load/load-result';
import type { CaseMeasurement } from './measure';
import type { LoadSettings } from './settings';
import { median, round } from './stats';

export interface CaseResult {
  readonly name: string;
  /** Ours: the median over the rounds. */
  readonly value: number;
  readonly unit: string;
  /** The baseline: the median over the rounds. */
  readonly baseline: number;
  /**
   * Always "higher is better": ours / baseline for throughput, baseline / ours for latency, taken
   * in each round (ours and the baseline ran back to back) and then the median of those.
   */
  readonly ratio: number;
  /** The ratio of each round, to see the spread. */
  readonly roundRatios: readonly number[];
  readonly note?: string;
}

export const LATENCY_NOTE = 'lower is better; ratio = baseline / ours, so higher is better here too';

/**
 * Two entries per measured case: throughput and p99 latency. The ratio pairs the runs of a round,
 * which ran back to back, so a machine that slows down for a while (another job's fsyncs) moves
 * both sides of a pair, not just one side of the median. `about` (what was measured, e.g. the
 * story's length) and any settings of the case's own go into the note.
 */
export function toCaseResults(measurement: CaseMeasurement, shared: LoadSettings, about?: string): CaseResult[] {
  const { benchCase, ours, baseline } = measurement;
  const context = [about, ownSettings(measurement.settings, shared)].filter((part): part is string => part !== undefined);
  const throughput = summarise(ours, baseline, (r) => r.requestsPerSecond, (o, b) => o / b);
  const p99 = summarise(ours, baseline, (r) => r.p99Ms, (o, b) => b / o);
  return [
    { name: `${benchCase.name} throughput`, ...inOrder(throughput(0), 'req/s'), ...noteOf(context) },
    { name: `${benchCase.name} p99 latency`, ...inOrder(p99(2), 'ms'), ...noteOf([LATENCY_NOTE, ...context]) },
  ];
}

function summarise(
  ours: readonly LoadResult[],
  baseline: readonly LoadResult[],
  figure: (result: LoadResult) => number,
  ratioOf: (ours: number, baseline: number) => number,
) {
  return (digits: number) => {
    const roundRatios = ours.map((result, i) => ratioOf(figure(result), figure(baseline[i]!)));
    return {
      value: round(median(ours.map(figure)), digits),
      baseline: round(median(baseline.map(figure)), digits),
      ratio: round(median(roundRatios), 3),
      roundRatios: roundRatios.map((ratio) => round(ratio, 3)),
    };
  };
}

/** The fields in the order the report documents: value, unit, baseline, ratio. */
function inOrder(figures: { value: number; baseline: number; ratio: number; roundRatios: number[] }, unit: string) {
  const { value, baseline, ratio, roundRatios } = figures;
  return { value, unit, baseline, ratio, roundRatios };
}

function noteOf(parts: readonly string[]): { note?: string } {
  return parts.length > 0 ? { note: parts.join('; ') } : {};
}

function ownSettings(settings: LoadSettings, shared: LoadSettings): string | undefined {
  const differing = (Object.keys(settings) as (keyof LoadSettings)[]).filter((key) => settings[key] !== shared[key]);
  return differing.length > 0 ? `own settings, both sides: ${differing.map((key) => `${key} ${settings[key]}`).join(', ')}` : undefined;
}
