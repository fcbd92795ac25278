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

/**
 * Two entries per measured case: median throughput and median p99 latency. `about` (what was
 * measured, e.g. the story's length) and any settings of the case's own go into the note.
 */
export function toCaseResults(measurement: CaseMeasurement, shared: LoadSettings, about?: string): CaseResult[] {
  const { benchCase, ours, baseline } = measurement;
  const context = [about, ownSettings(measurement.settings, shared)].filter((part): part is string => part !== undefined);
  const oursRps = median(ours.map((r: LoadResult) => r.requestsPerSecond));
  const baseRps = median(baseline.map((r: LoadResult) => r.requestsPerSecond));
  const oursP99 = median(ours.map((r: LoadResult) => r.p99Ms));
  const baseP99 = median(baseline.map((r: LoadResult) => r.p99Ms));
  return [
    { name: `${benchCase.name} throughput`, value: round(oursRps, 0), unit: 'req/s', baseline: round(baseRps, 0), ratio: round(oursRps / baseRps, 3), ...noteOf(context) },
    { name: `${benchCase.name} p99 latency`, value: round(oursP99, 2), unit: 'ms', baseline: round(baseP99, 2), ratio: round(baseP99 / oursP99, 3), ...noteOf([LATENCY_NOTE, ...context]) },
  ];
}

function noteOf(parts: readonly string[]): { note?: string } {
  return parts.length > 0 ? { note: parts.join('; ') } : {};
}

function ownSettings(settings: LoadSettings, shared: LoadSettings): string | undefined {
  const differing = (Object.keys(settings) as (keyof LoadSettings)[]).filter((key) => settings[key] !== shared[key]);
  return differing.length > 0 ? `own settings, both sides: ${differing.map((key) => `${key} ${settings[key]}`).join(', ')}` : undefined;
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

/** The cases' notes, one line per measured case, with the latency rule said once. */
export function formatNotes(cases: readonly CaseResult[]): string {
  const lines = new Set<string>();
  for (const c of cases) {
    const rest = (c.note ?? '').replace(LATENCY_NOTE, '').replace(/^; /, '');
    if (rest) lines.add(`  ${c.name.replace(/ (throughput|p99 latency)$/, '')}: ${rest}`);
  }
  return ['Ratios: higher is better (throughput: ours / baseline; p99 latency: baseline / ours).', ...lines].join('\n');
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
