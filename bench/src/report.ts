import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { LATENCY_NOTE, type CaseResult } from './case-results';
import type { HistoryCaseResult } from './history/history-result';
import type { MachineInfo } from './machine';
import type { LoadSettings } from './settings';

/** An HTTP case measured in rounds, or a history case measured as one series of samples per side. */
export type ReportCase = CaseResult | HistoryCaseResult;

export interface BenchReport {
  readonly machine: MachineInfo;
  readonly date: string;
  readonly settings: LoadSettings;
  /** Present when only some groups ran (BENCH_ONLY). */
  readonly groups?: readonly string[];
  readonly cases: readonly ReportCase[];
  /** Facts that say what the baselines are, e.g. where the GET baseline's document comes from. */
  readonly details: Readonly<Record<string, unknown>>;
}

/** Writes a dated file and, for a whole run, `latest.json`; returns the dated file's path. */
export function writeReport(report: BenchReport, folder: string, whole: boolean): string {
  mkdirSync(folder, { recursive: true });
  const json = `${JSON.stringify(report, null, 2)}\n`;
  const dated = join(folder, `${report.date.replace(/[:.]/g, '-')}${whole ? '' : '-partial'}.json`);
  if (whole) writeFileSync(join(folder, 'latest.json'), json);
  writeFileSync(dated, json);
  return dated;
}

export function formatTable(cases: readonly ReportCase[]): string {
  const rows = [
    ['case', 'ours', 'baseline', 'ratio', 'per round / samples'],
    ...cases.map((c) => [
      c.name,
      `${c.value} ${c.unit}`,
      c.baseline === null ? '—' : `${c.baseline} ${c.unit}`,
      c.ratio === null ? '—' : c.ratio.toFixed(2),
      spread(c),
    ]),
  ];
  const widths = rows[0]!.map((_, column) => Math.max(...rows.map((row) => row[column]!.length)));
  const line = (row: string[]) =>
    row.map((cell, column) => (column === 0 || column === row.length - 1 ? cell.padEnd(widths[column]!) : cell.padStart(widths[column]!))).join('  ').trimEnd();
  return [line(rows[0]!), widths.map((w) => '-'.repeat(w)).join('  '), ...rows.slice(1).map(line)].join('\n');
}

/** The ratio of each round (HTTP cases), or how many samples each side took (history cases). */
function spread(c: ReportCase): string {
  if ('roundRatios' in c) return c.roundRatios.map((r) => r.toFixed(2)).join(' ');
  return c.samples ? `n = ${c.samples.ours} / ${c.samples.baseline}` : '';
}

/** The cases' notes, one line per measured case, with the latency rule said once. */
export function formatNotes(cases: readonly ReportCase[]): string {
  const lines = new Set<string>();
  for (const c of cases) {
    const rest = (c.note ?? '').replace(LATENCY_NOTE, '').replace(/^; /, '');
    if (rest) lines.add(`  ${c.name.replace(/ (throughput|p50 latency|p99 latency|max latency)$/, '')}: ${rest}`);
  }
  return [
    'Ratios: higher is better (throughput and rates: ours / baseline; latency: baseline / ours); HTTP cases: the median of the per-round ratios.',
    ...lines,
  ].join('\n');
}
