/**
 * The bench's groups of cases. `BENCH_ONLY=history,postgres npm run bench` runs just those (while
 * working on one of them); a partial run is written as a dated file only, never as `latest.json`,
 * which always holds a whole run.
 */
export const BENCH_GROUPS = ['http', 'history', 'instances', 'postgres', 'scale', 'log'] as const;
export type BenchGroup = (typeof BENCH_GROUPS)[number];

export function selectedGroups(only: string | undefined): ReadonlySet<BenchGroup> {
  if (only === undefined || only.trim() === '') return new Set(BENCH_GROUPS);
  const names = only.split(',').map((name) => name.trim());
  const unknown = names.filter((name) => !(BENCH_GROUPS as readonly string[]).includes(name));
  if (unknown.length > 0) throw new Error(`BENCH_ONLY: no group ${unknown.join(', ')}; the groups are ${BENCH_GROUPS.join(', ')}`);
  return new Set(names as BenchGroup[]);
}
