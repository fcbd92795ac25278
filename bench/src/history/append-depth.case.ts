import { performance } from 'node:perf_hooks';
import { TROOP_ESTIMATE_BODY } from '../fixtures';
import { openStory, recordDevelopments } from '../setup';
import type { HttpTarget } from '../targets/http-target';
import { latencyResults, type HistoryCaseResult } from './history-result';
import { LONG_STORY } from './long-story.fixture';
import { HISTORY } from './settings';

const SHORT_STORY = 'bench-short-history';

/**
 * A durable append to the long story (at revision 100,000 and on) against one to a story at revision
 * 10, one request at a time, alternating between them, after a warm-up of each: does the write path
 * cost more on a long story? ratio = short / long (1.0: the same).
 */
export async function measureAppendDepth(ours: HttpTarget, longRevision: number): Promise<HistoryCaseResult[]> {
  await openStory(ours, SHORT_STORY);
  await recordDevelopments(ours, SHORT_STORY, Array.from({ length: 9 }, () => TROOP_ESTIMATE_BODY));
  const body = JSON.stringify(TROOP_ESTIMATE_BODY);
  const post = async (story: string) => {
    const started = performance.now();
    const response = await fetch(`${ours.baseUrl}/stories/${story}/developments`, { method: 'POST', headers: { ...ours.headers }, body });
    await response.arrayBuffer();
    if (response.status !== 201) throw new Error(`POST to ${story} answered ${response.status}`);
    return performance.now() - started;
  };
  for (let i = 0; i < HISTORY.appendWarmup; i++) {
    await post(LONG_STORY);
    await post(SHORT_STORY);
  }
  const long: number[] = [];
  const short: number[] = [];
  for (let i = 0; i < HISTORY.appendRequests; i++) {
    // Alternating, each pair in the other order than the last, so neither side always goes first.
    if (i % 2 === 0) {
      long.push(await post(LONG_STORY));
      short.push(await post(SHORT_STORY));
    } else {
      short.push(await post(SHORT_STORY));
      long.push(await post(LONG_STORY));
    }
  }
  return latencyResults(
    'history-append at revision 100000',
    { ours: long, baseline: short },
    `POST /stories/{id}/developments (troop-estimate), one at a time: ours to the ${longRevision}-event story (revisions ${longRevision + HISTORY.appendWarmup + 1}…), ` +
      `baseline to a story at revision ${10 + HISTORY.appendWarmup}…, ${long.length} each, alternating, after ${HISTORY.appendWarmup} warm-up each; ratio 1.0 = no cost for the long story`,
  );
}
