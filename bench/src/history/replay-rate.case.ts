import { performance } from 'node:perf_hooks';
import { evolve, initialStoryState, storyStreamName, toStoryDocument, toRecordedStoryEvent } from '@story-tracker/domain';
import { openSqliteEventStore } from '@story-tracker/event-store';
import { median, round } from '../stats';
import type { HistoryCaseResult } from './history-result';
import { HISTORY } from './settings';
import { LONG_STORY } from './long-story.fixture';
import type { NaiveReplay } from './naive-replay.baseline';
import { timed } from './timed-get';

/**
 * Replaying the whole long story, in events per second. Ours: through the event store port (its own
 * connection to the API's file, pages of 500 rows), `toRecordedStoryEvent` (upcast), the domain's
 * `evolve` from the empty story, `toStoryDocument` at the end. Baseline: the same rows read and
 * JSON-parsed with better-sqlite3's `.iterate()`, no fold: the floor of any replay. Ratio = ours /
 * baseline (higher is better).
 */
export async function measureReplayRate(file: string, naive: NaiveReplay): Promise<HistoryCaseResult> {
  const baselineRates: number[] = [];
  const oursRates: number[] = [];
  const baselineRun = () => {
    const { ms, result: rows } = timed(() => naive.readAllRows());
    baselineRates.push(rows / (ms / 1000));
  };
  baselineRun();
  for (let i = 0; i < HISTORY.replayRoundsOurs; i++) {
    const { ms, events } = await replayThroughPort(file);
    oursRates.push(events / (ms / 1000));
    process.stdout.write(`  history-replay-rate: ours ${events} events in ${ms.toFixed(0)} ms\n`);
  }
  while (baselineRates.length < HISTORY.replayRoundsBaseline) baselineRun();
  const [value, baseline] = [median(oursRates), median(baselineRates)];
  return {
    name: 'history-replay-rate',
    value: round(value, 0),
    unit: 'events/s',
    baseline: round(baseline, 0),
    ratio: round(value / baseline, 3),
    samples: { ours: oursRates.length, baseline: baselineRates.length },
    note:
      `the whole stream: ours readStream + toRecordedStoryEvent + evolve + toStoryDocument (${oursRates.length} run, it takes seconds), ` +
      `baseline better-sqlite3 .iterate() + JSON.parse of data and metadata, no fold (median of ${baselineRates.length}); ratio = ours / baseline`,
  };
}

async function replayThroughPort(file: string): Promise<{ ms: number; events: number }> {
  const store = openSqliteEventStore({ file });
  try {
    const started = performance.now();
    let state = initialStoryState;
    let events = 0;
    for await (const stored of store.readStream(storyStreamName(LONG_STORY))) {
      state = evolve(state, toRecordedStoryEvent(stored));
      events++;
    }
    toStoryDocument(state);
    return { ms: performance.now() - started, events };
  } finally {
    await store.close();
  }
}
