import type { BareFastifyWithBytes } from '../baselines/bare-fastify';
import { round } from '../stats';
import type { HttpTarget } from '../targets/http-target';
import { forceGc } from './force-gc';
import { HISTORY } from './settings';
import { kib, latencyResults, mib, type HistoryCaseResult } from './history-result';
import { LONG_STORY } from './long-story.fixture';
import type { NaiveReplay } from './naive-replay.baseline';
import { percentile } from './percentile';
import type { Prng } from './prng';
import { timed, timedGet, type TimedResponse } from './timed-get';

/**
 * GET /stories/{id}?revision=N for seeded-random N, one request at a time after a warm-up. The baseline
 * is the floor of any answer of that size: the bare Fastify route sending our answer's bytes,
 * pre-serialized (no store, no fold, no JSON), asked right after each of our requests, so the pairs are
 * measured back to back. The first few N's are also computed the naive way (replay from revision 1) as
 * a check that our answer has the same bytes, after the series; those times are printed and noted, not compared.
 * A second series asks for N ≤ HISTORY.smallRevisionMax, whose documents are under 100 KB.
 */
export async function measureStateAtRevision(ours: HttpTarget, bare: BareFastifyWithBytes, naive: NaiveReplay, prng: Prng, latestRevision: number): Promise<HistoryCaseResult[]> {
  const path = (revision: number) => `/stories/${LONG_STORY}?revision=${revision}`;
  for (let i = 0; i < HISTORY.stateWarmup; i++) await timedGet(ours, path(prng.int(1, latestRevision)));
  const series = async (count: number, maxRevision: number, checks: number) => {
    // A full collection first (as the proof cases do): a series pays for its own garbage, not for that
    // of what ran before it (the small series came right after the 40 reads of up to 8 MiB each).
    forceGc();
    const oursMs: number[] = [];
    const bareMs: number[] = [];
    const naiveMs: number[] = [];
    const bytes: number[] = [];
    const revisions: number[] = [];
    const checked: { revision: number; answer: TimedResponse; floorMs: number }[] = [];
    for (let i = 0; i < count; i++) {
      const revision = prng.int(1, maxRevision);
      const answer = await timedGet(ours, path(revision));
      bare.setBytes(Buffer.from(answer.body));
      const floor = await timedGet(bare, '/bytes');
      if (floor.bytes !== answer.bytes) throw new Error(`The bare route sent ${floor.bytes} bytes, ours ${answer.bytes}`);
      oursMs.push(answer.ms);
      bareMs.push(floor.ms);
      bytes.push(answer.bytes);
      revisions.push(revision);
      if (i < checks) checked.push({ revision, answer, floorMs: floor.ms });
    }
    // After the series, not between its requests: a naive replay of seconds leaves hundreds of MiB of
    // garbage, whose collection landed on the next pairs (one run's bare p99 was 344 ms for 7 MiB).
    for (const { revision, answer, floorMs } of checked) {
      const { ms, result: document } = timed(() => naive.documentAt(revision));
      naiveMs.push(ms);
      if (!Buffer.from(answer.body).equals(Buffer.from(JSON.stringify(document)))) throw new Error(`The naive document at revision ${revision} differs from ours`);
      process.stdout.write(`  history-state-at-revision N=${revision}: ours ${answer.ms.toFixed(1)} ms, bare bytes ${floorMs.toFixed(1)} ms, naive replay ${ms.toFixed(0)} ms (${mib(answer.bytes)} MiB)\n`);
    }
    return { oursMs, bareMs, naiveMs, bytes, revisions };
  };
  const all = await series(HISTORY.stateRequests, latestRevision, HISTORY.stateBaselineSamples);
  const small = await series(HISTORY.smallStateRequests, HISTORY.smallRevisionMax, 0);
  // The slowest of ours, with the bare route's time for the same bytes: what a p99 of few requests is made of.
  const slowest = (s: typeof all) =>
    [...s.oursMs.keys()]
      .sort((a, b) => s.oursMs[b]! - s.oursMs[a]!)
      .slice(0, 3)
      .map((i) => `N=${s.revisions[i]} ${s.oursMs[i]!.toFixed(1)} ms (bare ${s.bareMs[i]!.toFixed(1)}, ${mib(s.bytes[i]!)} MiB)`)
      .join(', ');
  const say = (name: string, s: typeof all) =>
    process.stdout.write(
      `  ${name}: ${s.oursMs.length} requests, p50 ${percentile(s.oursMs, 50).toFixed(1)} ms, p99 ${percentile(s.oursMs, 99).toFixed(1)} ms; bare bytes p50 ${percentile(s.bareMs, 50).toFixed(1)}, p99 ${percentile(s.bareMs, 99).toFixed(1)} ms; slowest ${slowest(s)}\n`,
    );
  say('history-state-at-revision', all);
  say('history-state-at-revision (small)', small);
  return [
    ...latencyResults(
      'history-state-at-revision',
      { ours: all.oursMs, baseline: all.bareMs },
      `GET /stories/{id}?revision=N of the ${latestRevision}-event story, N seeded-random; ${all.oursMs.length} requests one at a time after ${HISTORY.stateWarmup} warm-up, ` +
        `each followed by the bare Fastify route sending the same bytes pre-serialized (the baseline); documents ${mib(Math.min(...all.bytes))}–${mib(Math.max(...all.bytes))} MiB ` +
        `(median ${mib(percentile(all.bytes, 50))}); the naive replay of the first ${all.naiveMs.length} took ${all.naiveMs.map((ms) => round(ms, 0)).join(', ')} ms (same bytes as ours); slowest ${slowest(all)}`,
    ),
    ...latencyResults(
      'history-state-at-revision small',
      { ours: small.oursMs, baseline: small.bareMs },
      `as above with N in 1..${HISTORY.smallRevisionMax}: documents ${kib(Math.min(...small.bytes))}–${kib(Math.max(...small.bytes))} KiB (target: p99 ≤ 5 ms)`,
    ),
  ];
}
