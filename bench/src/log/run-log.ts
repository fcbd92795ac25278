import { rmSync, statSync } from 'node:fs';
import { performance } from 'node:perf_hooks';
import type { BareFastifyWithBytes } from '../baselines/bare-fastify';
import type { CaseResult } from '../case-results';
import type { HistoryCaseResult } from '../history/history-result';
import { scaleStore } from '../scale/scale-store.fixture';
import { round } from '../stats';
import { measureLogThroughApi } from './api-log.case';
import { measureAppendCost } from './append-cost.case';
import { measureCatchUp } from './catch-up.case';
import { logTiles } from './log-tiles.fixture';
import { measureProofsInProcess } from './proof-latency.case';
import { LOG } from './settings';

export interface LogRun {
  readonly cases: readonly (CaseResult | HistoryCaseResult)[];
  readonly details: Readonly<Record<string, unknown>>;
}

/**
 * The verifiable log (issue: proofs for a 1,000,000-event log in ≤ 5 ms p99, and the cost the tree
 * adds to an append): proofs from the library and through the real API on the tiles of the 1M-event
 * scale store, the append workload with and without the tree, the tree built during a catch-up, and
 * the full recomputation (POST /log/verify: readLog over every event), each beside a baseline measured in the same run.
 */
export async function runLogCases(bare: BareFastifyWithBytes, say: (line: string) => void): Promise<LogRun> {
  const storeStarted = performance.now();
  const store = scaleStore({ stories: LOG.stories, eventsPerStory: LOG.eventsPerStory }, say);
  const storeMs = performance.now() - storeStarted;
  const before = statSync(store.file);
  const tiles = await logTiles(store);
  say(
    `  log: ${store.events} events (${store.cached ? 'cached' : `built in ${(storeMs / 1000).toFixed(0)} s`}, ${store.file}); ` +
      `tiles ${tiles.cached ? 'cached' : `built in ${(tiles.buildMs / 1000).toFixed(0)} s`} (${tiles.file}), root ${tiles.rootHex.slice(0, 16)}…`,
  );

  const sectionMs: Record<string, number> = {};
  const timed = async <T>(section: string, work: () => T | Promise<T>): Promise<T> => {
    const started = performance.now();
    const result = await work();
    sectionMs[section] = round(performance.now() - started, 0);
    return result;
  };
  const proofs = await timed('proofsInProcess', () => measureProofsInProcess(tiles, say));
  const append = await timed('appendCost', () => measureAppendCost(say));
  const catchUp = await timed('catchUp', () => measureCatchUp(store, say));
  const api = await timed('api', () => measureLogThroughApi(store, tiles, bare, say));

  const after = statSync(store.file);
  if (after.mtimeMs !== before.mtimeMs || after.size !== before.size) {
    rmSync(store.file, { force: true });
    throw new Error(`The cached ${store.file} was written to; removed (the next run builds it again)`);
  }
  return {
    cases: [...proofs, ...api.proofCases, ...append.cases, ...catchUp.cases, ...api.startCases],
    details: {
      log: {
        store: { file: store.file, events: store.events, stories: store.stories, cached: store.cached },
        tiles: { file: tiles.file, size: tiles.size, rootHex: tiles.rootHex, cached: tiles.cached, buildMs: round(tiles.buildMs, 0) },
        settings: LOG,
        sectionMs,
        catchUpMs: { read: round(catchUp.times.readMs, 0), storyList: round(catchUp.times.storyListMs, 0), tree: round(catchUp.times.treeMs, 0) },
        ...append.details,
        ...api.details,
      },
    },
  };
}
