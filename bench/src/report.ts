import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { LoadResult } from './load/load-result';
import type { MachineInfo } from './machine';
import type { CaseMeasurement } from './measure';
import type { LoadSettings } from './settings';

export interface CaseResult {
  readonly name: string;
  readonly value: number;
  readonly unit: string;
  readonly baseline: number;
  /** Always "higher is better": ours / baseline for throughput, baseline / ours for latency. */
  readonly ratio: number;
  readonly note?: string;
}

export interface BenchReport {
  readonly machine: MachineInfo;
  readonly date: string;
  readonly settings: LoadSettings;
  readonly cases: readonly CaseResult[];
  /** Facts that say what the baselines are, e.g. where the GET baseline's document comes from. */
  readonly details: Readonly<Record<string, unknown>>;
}

const LATENCY_NOTE = 'lower is better; ratio = baseline / ours, so higher is better here too';

/** Two entries per measured case: median throughput and median p99 latency. */
export function toCaseResults(measurement: CaseMeasurement): CaseResult[] {
  const { benchCase, ours, baseline } = measurement;
  const oursRps = median(ours.map((r: LoadResult) => r.requestsPerSecond));
  const baseRps = median(baseline.map((r: LoadResult) => r.requestsPerSecond));
  const oursP99 = median(ours.map((r: LoadResult) => r.p99Ms));
  const baseP99 = median(baseline.map((r: LoadResult) => r.p99Ms));
  return [
    { name: `${benchCase.name} throughput`, value: round(oursRps, 0), unit: 'req/s', baseline: round(baseRps, 0), ratio: round(oursRps / baseRps, 3) },
    { name: `${benchCase.name} p99 latency`, value: round(oursP99, 2), unit: 'ms', baseline: round(baseP99, 2), ratio: round(baseP99 / oursP99, 3), note: LATENCY_NOTE },
  ];
}

/** Writes `latest.json` and a dated copy; returns the dated file's path. */
export function writeReport(report: BenchReport, folder: string): string {
  mkdirSync(folder, { recursive: true });
  const json = `${JSON.stringify(report, null, 2)}\n`;
  const dated = join(folder, `${report.date.replace(/[:.]/g, '-')}.json`);
  writeFileSync(join(folder, 'latest.json'), json);
  writeFileSync(dated, json);
  return dated;
}

export function formatTable(cases: readonly CaseResult[]): string {
  const rows = [
    ['case', 'ours', 'baseline', 'ratio'],
    ...cases.map((c) => [c.name, `${c.value} ${c.unit}`, `${c.baseline} ${c.unit}`, c.ratio.toFixed(2)]),
  ];
  const widths = rows[0]!.map((_, column) => Math.max(...rows.map((row) => row[column]!.length)));
  const line = (row: string[]) => row.map((cell, column) => (column === 0 ? cell.padEnd(widths[column]!) : cell.padStart(widths[column]!))).join('  ');
  return [line(rows[0]!), widths.map((w) => '-'.repeat(w)).join('  '), ...rows.slice(1).map(line)].join('\n');
}

function median(values: readonly number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const middle = Math.floor(sorted.length / 2);
  return sorted.length % 2 === 1 ? sorted[middle]! : (sorted[middle - 1]! + sorted[middle]!) / 2;
}

function round(value: number, digits: number): number {
  const factor = 10 ** digits;
  return Math.round(value * factor) / factor;
}
