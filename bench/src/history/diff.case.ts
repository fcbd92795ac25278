import { diffDocuments } from '@story-tracker/domain';
import type { HttpTarget } from '../targets/http-target';
import { HISTORY } from './settings';
import { kib, latencyResults, type HistoryCaseResult } from './history-result';
import { LONG_STORY } from './long-story.fixture';
import type { NaiveReplay } from './naive-replay.baseline';
import { percentile } from './percentile';
import type { Prng } from './prng';
import { timed, timedGet } from './timed-get';

/**
 * GET /stories/{id}/diff?from=A&to=B: A seeded-random, B at most HISTORY.diffMaxGap later (wider
 * diffs of this story take seconds to minutes on both sides, see bench/README.md). Ours also describes
 * every event between A and B and word-diffs headline and summary; the baseline replays to A and to
 * B from revision 1 and runs `diffDocuments`, and must find as many changes.
 */
export async function measureDiff(ours: HttpTarget, naive: NaiveReplay, prng: Prng, latestRevision: number): Promise<HistoryCaseResult[]> {
  const pair = () => {
    const from = prng.int(1, latestRevision - 1);
    return [from, Math.min(latestRevision, from + prng.int(1, HISTORY.diffMaxGap))] as const;
  };
  const path = (from: number, to: number) => `/stories/${LONG_STORY}/diff?from=${from}&to=${to}`;
  for (let i = 0; i < HISTORY.diffWarmup; i++) await timedGet(ours, path(...pair()));
  const oursMs: number[] = [];
  const baselineMs: number[] = [];
  const bytes: number[] = [];
  let slowest = { pair: '', ms: 0 };
  for (let i = 0; i < HISTORY.diffRequests; i++) {
    const [from, to] = pair();
    const answer = await timedGet(ours, path(from, to));
    oursMs.push(answer.ms);
    bytes.push(answer.bytes);
    if (answer.ms > slowest.ms) slowest = { pair: `${from}..${to}`, ms: answer.ms };
    if (i < HISTORY.diffBaselineSamples) {
      const { ms, result: changes } = timed(() => diffDocuments(naive.documentAt(from), naive.documentAt(to)));
      baselineMs.push(ms);
      const ourChanges = (JSON.parse(Buffer.from(answer.body).toString('utf8')) as { changes: unknown[] }).changes.length;
      if (ourChanges !== changes.length) throw new Error(`diff ${from}..${to}: ours has ${ourChanges} changes, the naive baseline ${changes.length}`);
      process.stdout.write(`  history-diff ${from}..${to}: ours ${answer.ms.toFixed(0)} ms, naive ${ms.toFixed(0)} ms (${changes.length} changes)\n`);
    }
  }
  process.stdout.write(
    `  history-diff: ${oursMs.length} requests, p50 ${percentile(oursMs, 50).toFixed(1)} ms, p99 ${percentile(oursMs, 99).toFixed(1)} ms (slowest ${slowest.pair})\n`,
  );
  return latencyResults(
    'history-diff',
    { ours: oursMs, baseline: baselineMs },
    `GET /stories/{id}/diff?from=A&to=B of the ${latestRevision}-event story, A seeded-random, B − A seeded-random in 1..${HISTORY.diffMaxGap}; ` +
      `ours ${oursMs.length} requests one at a time after ${HISTORY.diffWarmup} warm-up (its answer also describes every event between A and B); ` +
      `baseline the first ${baselineMs.length} of the same pairs: replay to A and to B from revision 1 + diffDocuments, in-process, so its p99 is its slowest; ` +
      `answers ${kib(Math.min(...bytes))}–${kib(Math.max(...bytes))} KiB; our slowest: ${slowest.pair}`,
  );
}
