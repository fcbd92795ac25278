import { join } from 'node:path';
import { round } from '../stats';
import type { BareFastifyWithBytes } from '../baselines/bare-fastify';
import type { OurApi } from '../targets/our-api';
import { measureDiff } from './diff.case';
import type { HistoryCaseResult } from './history-result';
import { measureAppendDepth } from './append-depth.case';
import { measureFirstReads } from './restart.case';
import { heldMiB } from './force-gc';
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
  /** Our API after the restart of the first-read case: the one to close. */
  readonly ours: OurApi;
}

/**
 * The history reads of issue 4 on a 100,000-event story: written straight into our API's event store
 * file, then read through the API (state at a revision, diff) and through the store port (replay),
 * each beside a naive baseline on the same file in the same run.
 */
export async function runHistoryCases(before: OurApi, bare: BareFastifyWithBytes): Promise<HistoryRun> {
  const say = (line: string) => process.stdout.write(`${line}\n`);
  const file = join(before.dataDir, 'events.sqlite');
  say('\n  history cases: building the long story, then its first read builds the time machine\'s index (takes seconds)');
  const build = await buildLongStory(file);
  say(`  long story: ${build.events} events in ${build.transactions} appends of ${LONG_STORY_BATCH}, built in ${(build.totalMs / 1000).toFixed(1)} s (${(build.appendMs / 1000).toFixed(1)} s in append)`);

  const first = await measureFirstReads(before, seededPrng(HISTORY.seed).int(1, build.events), build.events);
  const ours = first.ours;
  const d = first.details;
  say(
    `  history-first-read: GET ?revision=${d['revision']} cold ${d['coldRevisionMs']} ms, after a restart ${d['revisionAfterRestartMs']} ms (a new process; ${d['revisionAfterInProcessRestartMs']} in this one); ` +
      `GET head cold ${d['coldHeadMs']} ms, after a restart ${d['headAfterRestartMs']} ms (${d['headAfterInProcessRestartMs']} in this process); ` +
      `heap ${d['heapStartMiB']} → ${d['heapAfterRevisionMiB']} (revision) → ${d['heapAfterHeadMiB']} MiB (head)`,
  );
  const naive = new NaiveReplay(file, LONG_STORY);
  try {
    const state = await measureStateAtRevision(ours, bare, naive, seededPrng(HISTORY.seed + 1), build.events);
    const heapAfterRandomReads = heldMiB();
    const randomReadsHeap: HistoryCaseResult = {
      name: 'history-index heap after random reads',
      value: round(heapAfterRandomReads - d['heapStartMiB']!, 1),
      unit: 'MiB',
      baseline: null,
      ratio: null,
      note: `heap used + array buffers (after a full GC) grew from ${d['heapStartMiB']} MiB (the restarted instance before its first read) to ${round(heapAfterRandomReads, 1)} MiB after the head and the ${HISTORY.stateWarmup + HISTORY.stateRequests + HISTORY.smallStateRequests} revision reads (checkpoint lines the loader kept); no baseline`,
    };
    say(`  history heap after the revision reads: ${round(heapAfterRandomReads, 1)} MiB`);
    const diff = await measureDiff(ours, naive, seededPrng(HISTORY.seed + 2), build.events);
    const replay = await measureReplayRate(file, naive);
    const verify = await measureReplayVerify(file, naive);
    const append = await measureAppendDepth(ours, build.events);
    return {
      ours,
      cases: [...first.results, ...state, randomReadsHeap, ...diff, replay, ...verify, ...append],
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
        historyFirstReads: first.details,
        historySettings: HISTORY,
      },
    };
  } finally {
    naive.close();
  }
}
