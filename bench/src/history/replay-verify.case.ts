import { performance } from 'node:perf_hooks';
import { auditStory } from '@story-tracker/audit';
import { storyStreamName } from '@story-tracker/domain';
import { openSqliteEventStore, verifyChain } from '@story-tracker/event-store';
import { median, round } from '../stats';
import type { HistoryCaseResult } from './history-result';
import { LONG_STORY } from './long-story.fixture';
import type { NaiveReplay } from './naive-replay.baseline';
import { HISTORY } from './settings';
import { timed } from './timed-get';

/**
 * Replay + verify of the whole long story, in events per second: what `verify` (CLI) and
 * GET /stories/{id}/audit do. Ours: `auditStory` through the event store port on its own connection
 * (read, hash chain recomputed over canonical JSON, upcast, fold, state hash). Baseline: the same rows
 * read with better-sqlite3 `.iterate()`, data and metadata `JSON.parse`d and the SHA-256 of the row's
 * data + metadata + previous hash text taken (no canonical form, no fold). Ratio = ours / baseline.
 */
export async function measureReplayVerify(file: string, naive: NaiveReplay): Promise<HistoryCaseResult[]> {
  const baselineRates: number[] = [];
  const oursRates: number[] = [];
  const chainRates: number[] = [];
  const baselineRun = () => {
    const { ms, result: rows } = timed(() => naive.readParseAndHashRows());
    baselineRates.push(rows / (ms / 1000));
  };
  for (let i = 0; i < HISTORY.verifyRounds; i++) {
    baselineRun();
    const { ms, events, verified } = await auditThroughPort(file);
    if (!verified) throw new Error('The long story does not verify');
    oursRates.push(events / (ms / 1000));
    const chain = await verifyThroughPort(file);
    chainRates.push(chain.events / (chain.ms / 1000));
    process.stdout.write(`  history-replay-verify: ours ${events} events in ${ms.toFixed(0)} ms (the chain alone ${chain.ms.toFixed(0)} ms), baseline ${baselineRates.at(-1)!.toFixed(0)} events/s\n`);
  }
  const [value, baseline, chainValue] = [median(oursRates), median(baselineRates), median(chainRates)];
  return [{
    name: 'history-replay-verify',
    value: round(value, 0),
    unit: 'events/s',
    baseline: round(baseline, 0),
    ratio: round(value / baseline, 3),
    samples: { ours: oursRates.length, baseline: baselineRates.length },
    note:
      `the whole stream: ours auditStory (readStream, chain hash over canonical JSON, upcast, evolve, state hash; median of ${oursRates.length}), ` +
      `baseline better-sqlite3 .iterate() + JSON.parse of data and metadata + SHA-256 of data + metadata + previous hash text (median of ${baselineRates.length}); ratio = ours / baseline`,
  }, {
    name: 'history-verify-chain',
    value: round(chainValue, 0),
    unit: 'events/s',
    baseline: round(baseline, 0),
    ratio: round(chainValue / baseline, 3),
    samples: { ours: chainRates.length, baseline: baselineRates.length },
    note: `the chain part of history-replay-verify alone: verifyChain over readStream (read, parse, canonical JSON, SHA-256; no upcast, no fold), same baseline; ratio = ours / baseline`,
  }];
}

async function verifyThroughPort(file: string): Promise<{ ms: number; events: number }> {
  const store = openSqliteEventStore({ file });
  try {
    const started = performance.now();
    const chain = await verifyChain(store.readStream(storyStreamName(LONG_STORY)));
    if (!chain.verified) throw new Error('The long story does not verify');
    return { ms: performance.now() - started, events: chain.events };
  } finally {
    await store.close();
  }
}

async function auditThroughPort(file: string): Promise<{ ms: number; events: number; verified: boolean }> {
  const store = openSqliteEventStore({ file });
  try {
    const started = performance.now();
    const audit = await auditStory(store, LONG_STORY);
    return { ms: performance.now() - started, events: audit.events, verified: audit.verified };
  } finally {
    await store.close();
  }
}
