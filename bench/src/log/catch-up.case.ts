import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { openSqliteEventStore, readAllEncoded } from '@story-tracker/event-store';
import { StoryListProjection, openReadModelDatabase } from '@story-tracker/projections';
import { LogTreeProjection, SqliteTileStore } from '@story-tracker/verifiable-log';
import type { HistoryCaseResult } from '../history/history-result';
import type { ScaleStore } from '../scale/scale-store.fixture';
import { round } from '../stats';
import { LOG } from './settings';

/** Where the time of one pass went, in ms. */
export interface CatchUpTimes {
  readonly events: number;
  readonly readMs: number;
  readonly storyListMs: number;
  readonly treeMs: number;
}

/**
 * The tree built during a catch-up (what the first start after a bulk import does), in-process: every
 * event of the 1M store read in batches of LOG.catchUpBatch (`readAllEncoded`, as the runner reads) and
 * each batch applied to the story list and then to LogTreeProjection, both on one fresh read-model
 * database; each of the three timed on its own. Two entries: the tree's apply against the story
 * list's (events/s), and the whole pass with the tree against the pass without it (read + story list).
 */
export async function measureCatchUp(store: ScaleStore, say: (line: string) => void): Promise<{ cases: HistoryCaseResult[]; times: CatchUpTimes }> {
  const times = await catchUp(store.file);
  const rate = (ms: number) => times.events / (ms / 1000);
  const tree = rate(times.treeMs);
  const storyList = rate(times.storyListMs);
  const withTree = rate(times.readMs + times.storyListMs + times.treeMs);
  const without = rate(times.readMs + times.storyListMs);
  // The API gives the tree a runner of its own, which reads every batch again.
  const asTheApi = rate(2 * times.readMs + times.storyListMs + times.treeMs);
  say(
    `  log-catch-up over ${times.events} events: read ${(times.readMs / 1000).toFixed(1)} s, story list ${(times.storyListMs / 1000).toFixed(1)} s, tree ${(times.treeMs / 1000).toFixed(1)} s ` +
      `(${tree.toFixed(0)} events/s, ${((times.treeMs * 1000) / times.events).toFixed(2)} µs per event); with the tree ${withTree.toFixed(0)} events/s, without ${without.toFixed(0)}, with a runner of its own ${asTheApi.toFixed(0)}`,
  );
  const shape = `${times.events} events in ${store.stories} stories, batches of ${LOG.catchUpBatch}, fresh read-model database`;
  return {
    times,
    cases: [
      {
        name: 'log-catch-up tree apply',
        value: round(tree, 0),
        unit: 'events/s',
        baseline: round(storyList, 0),
        ratio: round(tree / storyList, 3),
        samples: { ours: 1, baseline: 1 },
        note: `${shape}: LogTreeProjection.apply alone (${round((times.treeMs * 1000) / times.events, 2)} µs per event); baseline StoryListProjection.apply on the same batches; ratio = ours / baseline`,
      },
      {
        name: 'log-catch-up with tree',
        value: round(withTree, 0),
        unit: 'events/s',
        baseline: round(without, 0),
        ratio: round(withTree / without, 3),
        samples: { ours: 1, baseline: 1 },
        note:
          `${shape}: read + story list + tree against read + story list (the read alone ${round(rate(times.readMs), 0)} events/s); ratio = ours / baseline. ` +
          `The API runs the tree on a runner of its own, which reads every batch again: ${round(asTheApi, 0)} events/s, ${round(asTheApi / without, 3)} of the catch-up without it`,
      },
    ],
  };
}

async function catchUp(eventsFile: string): Promise<CatchUpTimes> {
  const folder = mkdtempSync(join(tmpdir(), 'story-tracker-log-catch-up-'));
  const events = openSqliteEventStore({ file: eventsFile });
  const db = openReadModelDatabase(join(folder, 'read-models.sqlite'));
  try {
    const storyList = new StoryListProjection(db);
    const tree = new LogTreeProjection(new SqliteTileStore(db));
    let [readMs, storyListMs, treeMs, position] = [0, 0, 0, 0];
    for (;;) {
      let started = performance.now();
      const batch = await readAllEncoded(events, position, LOG.catchUpBatch);
      readMs += performance.now() - started;
      if (batch.length === 0) break;
      started = performance.now();
      storyList.apply(batch);
      storyListMs += performance.now() - started;
      started = performance.now();
      tree.apply(batch);
      treeMs += performance.now() - started;
      position = batch[batch.length - 1]!.globalPosition;
    }
    if (tree.current().size !== position) throw new Error(`The tree holds ${tree.current().size} leaves after ${position} events`);
    return { events: position, readMs, storyListMs, treeMs };
  } finally {
    db.close();
    await events.close();
    rmSync(folder, { recursive: true, force: true });
  }
}
