import type { HttpTarget } from '../targets/http-target';
import { round } from '../stats';
import { heapUsedMiB } from './force-gc';
import { LONG_STORY } from './long-story.fixture';
import type { HistoryCaseResult } from './history-result';
import type { Prng } from './prng';
import { timedGet } from './timed-get';

export interface IndexBuild {
  readonly firstRequestMs: number;
  readonly revision: number;
  readonly heapBeforeMiB: number;
  readonly heapAfterMiB: number;
  readonly result: HistoryCaseResult;
}

/**
 * The first read of the long story: GET /stories/{id}?revision=N makes the time machine fold the
 * whole stream once and keep a checkpoint every 500 revisions. Its time is reported apart (it is
 * paid once per story and process), and so is the heap it leaves behind: used heap after a full GC,
 * before and after. There is no baseline for the heap (the naive way keeps nothing between reads),
 * so baseline and ratio are null.
 */
export async function measureIndexBuild(ours: HttpTarget, prng: Prng, latestRevision: number): Promise<IndexBuild> {
  const revision = prng.int(1, latestRevision);
  const heapBeforeMiB = heapUsedMiB();
  const first = await timedGet(ours, `/stories/${LONG_STORY}?revision=${revision}`);
  const heapAfterMiB = heapUsedMiB();
  const grown = round(heapAfterMiB - heapBeforeMiB, 1);
  return {
    firstRequestMs: first.ms,
    revision,
    heapBeforeMiB,
    heapAfterMiB,
    result: {
      name: 'history-index heap',
      value: grown,
      unit: 'MiB',
      baseline: null,
      ratio: null,
      note:
        `heap used (after a full GC) grew from ${round(heapBeforeMiB, 1)} to ${round(heapAfterMiB, 1)} MiB with the time machine's index of the ${latestRevision}-event story ` +
        `(head state, ${Math.floor(latestRevision / 500) + 1} checkpoints, record times); no baseline: the naive way keeps nothing between reads; ` +
        `the first request (GET ?revision=${revision}, which built it) took ${round(first.ms, 0)} ms`,
    },
  };
}
