import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { findPostgresBinDir, TempPostgresCluster } from '@story-tracker/event-store';
import type { BareFastify } from '../baselines/bare-fastify';
import { startBarePostgres } from '../baselines/bare-pg';
import { toCaseResults, type CaseResult } from '../case-results';
import type { BenchCase } from '../cases/bench-case';
import { httpAppendCase } from '../cases/http-append.case';
import { httpCurrentStateCase } from '../cases/http-current-state.case';
import { APPEND_STORY, READ_STORY, readStoryDevelopments, TROOP_ESTIMATE_BODY } from '../fixtures';
import { measureCase } from '../measure';
import type { LoadSettings } from '../settings';
import { fetchCurrentState, openStory, recordDevelopments } from '../setup';
import { startApiProcesses } from '../targets/api-processes';
import type { HttpTarget } from '../targets/http-target';
import { measureLiveLag, type LiveLag } from './live-lag';

export interface InstanceRun {
  readonly cases: readonly CaseResult[];
  readonly lag: LiveLag;
}

const LAG_WRITES = 200;
const LAG_STORY = 'bench-lag';

/**
 * Several instances of one store, as a newsroom runs them: real API processes (`node dist/…/main.js`),
 * the load split evenly across them, against the same single-process baseline as the HTTP
 * cases; then how long a write on one takes to reach the other's live stream.
 */
export async function runInstanceCases(label: string, env: Record<string, string>, baseline: BareFastify, load: LoadSettings, count = 2): Promise<InstanceRun> {
  const instances = await startApiProcesses(Math.max(count, 2), env, label);
  const loaded = instances.slice(0, count);
  try {
    const [first] = instances as [HttpTarget, HttpTarget];
    await openStory(first, APPEND_STORY);
    await openStory(first, READ_STORY);
    await openStory(first, LAG_STORY);
    await recordDevelopments(first, READ_STORY, readStoryDevelopments());
    const renamed = (benchCase: BenchCase): BenchCase => ({ ...benchCase, name: `${label} ${benchCase.name}` });

    const side = loaded.length === 1 ? loaded[0]! : loaded;
    const append = await measureCase(renamed(httpAppendCase), side, baseline, load);
    await baseline.storeDocument(READ_STORY, (await fetchCurrentState(first, READ_STORY)).json);
    const read = await measureCase(renamed(httpCurrentStateCase), side, baseline, load);
    const lag = await measureLiveLag(instances[0]!, instances[1]!, LAG_STORY, TROOP_ESTIMATE_BODY, LAG_WRITES);
    const about =
      loaded.length === 1
        ? `one API process (a second beside it, idle, for the lag); baseline ${baseline.name}, one process on the same database server`
        : `${loaded.length} API processes on one store, the load split evenly; baseline one ${baseline.name} process`;
    return { cases: [...toCaseResults(append, load, about), ...toCaseResults(read, load, about)], lag };
  } finally {
    await Promise.all(instances.map((instance) => instance.close()));
  }
}

/** Two processes on one SQLite DATA_DIR. */
export async function runSqliteInstances(baseline: BareFastify, load: LoadSettings): Promise<InstanceRun> {
  const dataDir = mkdtempSync(join(tmpdir(), 'story-tracker-bench-instances-'));
  try {
    return await runInstanceCases('sqlite-2-processes', { EVENT_STORE: 'sqlite', DATA_DIR: dataDir }, baseline, load);
  } finally {
    rmSync(dataDir, { recursive: true, force: true });
  }
}

/** One process on a throwaway PostgreSQL cluster against a bare Fastify + pg route on the same server; two for the lag. */
export async function runPostgresInstances(load: LoadSettings): Promise<InstanceRun | undefined> {
  if (!findPostgresBinDir()) {
    process.stdout.write('  PostgreSQL cases skipped: no server binaries (apt-get install postgresql)\n');
    return undefined;
  }
  const cluster = await TempPostgresCluster.start();
  const dataDirs: string[] = [];
  try {
    const baseline = await startBarePostgres(await cluster.createDatabase());
    try {
      const env = { EVENT_STORE: 'postgres', POSTGRES_URL: await cluster.createDatabase(), DATA_DIR: mkdtempSync(join(tmpdir(), 'story-tracker-bench-pg-')) };
      dataDirs.push(env.DATA_DIR);
      return await runInstanceCases('postgres', env, baseline, load, 1);
    } finally {
      await baseline.close();
    }
  } finally {
    await cluster.remove();
    for (const dir of dataDirs) rmSync(dir, { recursive: true, force: true });
  }
}
