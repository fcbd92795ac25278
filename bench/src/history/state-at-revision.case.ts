import { round } from '../stats';
import type { HttpTarget } from '../targets/http-target';
import { HISTORY } from './settings';
import { latencyResults, mib, type HistoryCaseResult } from './history-result';
import { LONG_STORY } from './long-story.fixture';
import type { NaiveReplay } from './naive-replay.baseline';
import { percentile } from './percentile';
import type { Prng } from './prng';
import { timed, timedGet } from './timed-get';

/**
 * GET /stories/{id}?revision=N for seeded-random N, one request at a time after a warm-up: ours reads
 * the nearest checkpoint and folds at most 499 events. The baseline computes the same document the
 * naive way (replay from revision 1, see NaiveReplay) for the first few of the same N's, each right
 * after our request for it, and must produce the same bytes.
 */
export async function measureStateAtRevision(ours: HttpTarget, naive: NaiveReplay, prng: Prng, latestRevision: number, firstRequestMs: number): Promise<HistoryCaseResult[]> {
  const path = (revision: number) => `/stories/${LONG_STORY}?revision=${revision}`;
  for (let i = 0; i < HISTORY.stateWarmup; i++) await timedGet(ours, path(prng.int(1, latestRevision)));
  const oursMs: number[] = [];
  const baselineMs: number[] = [];
  const bytes: number[] = [];
  for (let i = 0; i < HISTORY.stateRequests; i++) {
    const revision = prng.int(1, latestRevision);
    const answer = await timedGet(ours, path(revision));
    oursMs.push(answer.ms);
    bytes.push(answer.bytes);
    if (i < HISTORY.stateBaselineSamples) {
      const { ms, result: document } = timed(() => naive.documentAt(revision));
      baselineMs.push(ms);
      if (!Buffer.from(answer.body).equals(Buffer.from(JSON.stringify(document)))) throw new Error(`The naive document at revision ${revision} differs from ours`);
      process.stdout.write(`  history-state-at-revision N=${revision}: ours ${answer.ms.toFixed(1)} ms, naive replay ${ms.toFixed(0)} ms (${mib(answer.bytes)} MiB)\n`);
    }
  }
  process.stdout.write(`  history-state-at-revision: ${oursMs.length} requests, p50 ${percentile(oursMs, 50).toFixed(1)} ms, p99 ${percentile(oursMs, 99).toFixed(1)} ms\n`);
  return latencyResults(
    'history-state-at-revision',
    { ours: oursMs, baseline: baselineMs },
    `GET /stories/{id}?revision=N of the ${latestRevision}-event story, N seeded-random; ours ${oursMs.length} requests one at a time after ${HISTORY.stateWarmup} warm-up, ` +
      `baseline the first ${baselineMs.length} of the same N's, replayed from revision 1 in-process (no HTTP), so its p99 is its slowest; ` +
      `documents ${mib(Math.min(...bytes))}–${mib(Math.max(...bytes))} MiB (median ${mib(percentile(bytes, 50))}); ` +
      `the first request, which built the time machine's index, took ${round(firstRequestMs, 0)} ms and is not counted`,
  );
}
