import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { LATENCY_NOTE, type CaseResult } from './case-results';
import type { MachineInfo } from './machine';
import type { LoadSettings } from './settings';

export interface BenchReport {
  readonly machine: MachineInfo;
  readonly date: string;
  readonly settings: LoadSettings;
  readonly cases: readonly CaseResult[];
  /** Facts that say what the baselines are, e.g. where the GET baseline's document comes from. */
  readonly details: Readonly<Record<string, unknown>>;
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
    ['case', 'ours', 'baseline', 'ratio', 'per round'],
    ...cases.map((c) => [c.name, `${c.value} ${c.unit}`, `${c.baseline} ${c.unit}`, c.ratio.toFixed(2), c.roundRatios.map((r) => r.toFixed(2)).join(' ')]),
  ];
  const widths = rows[0]!.map((_, column) => Math.max(...rows.map((row) => row[column]!.length)));
  const line = (row: string[]) =>
    row.map((cell, column) => (column === 0 || column === row.length - 1 ? cell.padEnd(widths[column]!) : cell.padStart(widths[column]!))).join('  ').trimEnd();
  return [line(rows[0]!), widths.map((w) => '-'.repeat(w)).join('  '), ...rows.slice(1).map(line)].join('\n');
}

/** The cases' notes, one line per measured case, with the latency rule said once. */
export function formatNotes(cases: readonly CaseResult[]): string {
  const lines = new Set<string>();
  for (const c of cases) {
    const rest = (c.note ?? '').replace(LATENCY_NOTE, '').replace(/^; /, '');
    if (rest) lines.add(`  ${c.name.replace(/ (throughput|p99 latency)$/, '')}: ${rest}`);
  }
  return [
    'Ratios: higher is better (throughput: ours / baseline; p99 latency: baseline / ours), the median of the per-round ratios.',
    ...lines,
  ].join('\n');
}
