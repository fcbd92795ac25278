import { join } from 'node:path';
import { round } from '../stats';
import type { HttpTarget } from '../targets/http-target';
import { measureDiff } from './diff.case';
import type { HistoryCaseResult } from './history-result';
import { measureIndexBuild } from './index-build.case';
import { buildLongStory, LONG_STORY, LONG_STORY_BATCH } from './long-story.fixture';
import { NaiveReplay } from './naive-replay.baseline';
import { seededPrng } from './prng';
import { measureReplayRate } from './replay-rate.case';
import { measureReplayVerify } from './replay-verify.case';
import { HISTORY } from './settings';
import { measureStateAtRevision } from './state-at-revision.case';

export interface HistoryRun {
  readonly cases: readonly HistoryCaseResult[];
  readonly details: Readonly<Record<string, unknown>>;
}

/**
 * The history reads of issue 4 on a 100,000-event story: written straight into our API's event store
 * file, then read through the API (state at a revision, diff) and through the store port (replay),
 * each beside a naive baseline on the same file in the same run.
 */
export async function runHistoryCases(ours: HttpTarget & { readonly dataDir: string }): Promise<HistoryRun> {
  const say = (line: string) => process.stdout.write(`${line}\n`);
  const file = join(ours.dataDir, 'events.sqlite');
  say('\n  history cases: building the long story, then its first read builds the time machine\'s index (takes seconds)');
  const build = await buildLongStory(file);
  say(`  long story: ${build.events} events in ${build.transactions} appends of ${LONG_STORY_BATCH}, built in ${(build.totalMs / 1000).toFixed(1)} s (${(build.appendMs / 1000).toFixed(1)} s in append)`);

  const index = await measureIndexBuild(ours, seededPrng(HISTORY.seed), build.events);
  say(`  history-index: first request ${(index.firstRequestMs / 1000).toFixed(1)} s, heap ${index.heapBeforeMiB.toFixed(0)} → ${index.heapAfterMiB.toFixed(0)} MiB`);
  const naive = new NaiveReplay(file, LONG_STORY);
  try {
    const state = await measureStateAtRevision(ours, naive, seededPrng(HISTORY.seed + 1), build.events, index.firstRequestMs);
    const diff = await measureDiff(ours, naive, seededPrng(HISTORY.seed + 2), build.events);
    const replay = await measureReplayRate(file, naive);
    const verify = await measureReplayVerify(file, naive);
    return {
      cases: [...state, ...diff, replay, ...verify, index.result],
      details: {
        longStory: {
          id: LONG_STORY,
          events: build.events,
          transactions: build.transactions,
          buildMs: round(build.totalMs, 0),
          appendMs: round(build.appendMs, 0),
          checkedByDecide: build.checkedByDecide,
          eventTypes: build.eventTypes,
        },
        historyIndex: { firstRequestMs: round(index.firstRequestMs, 0), revision: index.revision, heapBeforeMiB: round(index.heapBeforeMiB, 1), heapAfterMiB: round(index.heapAfterMiB, 1) },
        historySettings: HISTORY,
      },
    };
  } finally {
    naive.close();
  }
}
