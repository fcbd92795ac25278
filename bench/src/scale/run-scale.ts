import { linkSync, mkdtempSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import Database from 'better-sqlite3';
import { median, round } from '../stats';
import type { HistoryCaseResult } from '../history/history-result';
import { awaitLogLine, startApiProcess, timeApiStart, type ApiStart } from './api-start';
import { scaleStore, type ScaleShape, type ScaleStore } from './scale-store.fixture';

export interface ScaleRun {
  readonly cases: readonly HistoryCaseResult[];
  readonly details: Readonly<Record<string, unknown>>;
}

/** The stores of the scale cases: 1,000,000 events in 1,000 stories and 10,000,000 in 10,000. */
const SHAPES: readonly (ScaleShape & { readonly label: string })[] = [
  { label: '1m', stories: 1_000, eventsPerStory: 1_000 },
  { label: '10m', stories: 10_000, eventsPerStory: 1_000 },
];
const RESTARTS = 2;
/** A first start on 10,000,000 events takes about a minute here; give it five. */
const START_TIMEOUT_MS = 300_000;

/**
 * Starting the real API (`node dist/apps/api/src/main.js`) on a store after a bulk import: the first
 * start builds the read models from every event (rate from the API's own last progress line; it is
 * stopped once the verifiable log's tree, built after it in the background, has caught up too), then
 * each restart finds them built (time to the first 200 from GET /health, and its memory). Baselines in
 * the same run: for the first start, reading the same rows with better-sqlite3 (`.iterate()` +
 * `JSON.parse` of data and metadata, nothing written); for a restart, the same start on an empty
 * DATA_DIR, so a ratio of 1 means a start costs the same whatever the store holds.
 */
export async function runScaleCases(say: (line: string) => void): Promise<ScaleRun> {
  const emptyDir = mkdtempSync(join(tmpdir(), 'scale-empty-'));
  const cases: HistoryCaseResult[] = [];
  const details: Record<string, unknown> = {};
  try {
    const empty: ApiStart[] = [];
    for (let i = 0; i < RESTARTS; i++) empty.push(await timeApiStart(emptyDir, START_TIMEOUT_MS));
    say(`  scale: start on an empty DATA_DIR ${empty.map((start) => `${start.healthyMs.toFixed(0)} ms`).join(', ')}, RSS ${empty.map((start) => start.rssMiB.toFixed(0)).join(', ')} MiB`);
    for (const shape of SHAPES) {
      const built = performance.now();
      const store = scaleStore(shape, say);
      say(`  scale ${shape.label}: ${store.events} events in ${store.stories} stories, ${store.cached ? 'cached' : `built in ${((performance.now() - built) / 1000).toFixed(0)} s`} (${store.file})`);
      const run = await runShape(shape.label, store, empty, say);
      cases.push(...run.cases);
      details[`scale-${shape.label}`] = { ...run.details, fixture: { file: store.file, cached: store.cached, buildMs: round(store.buildMs, 0) } };
    }
  } finally {
    rmSync(emptyDir, { recursive: true, force: true });
  }
  return { cases, details };
}

async function runShape(label: string, store: ScaleStore, empty: readonly ApiStart[], say: (line: string) => void): Promise<ScaleRun> {
  const dataDir = mkdtempSync(join(tmpdir(), `scale-${label}-`));
  // A hard link, not a copy (5 GB at 10M): the API never writes to events.sqlite here (no seeding,
  // no requests), and the cached file is checked afterwards to be sure.
  const before = statSync(store.file);
  linkSync(store.file, join(dataDir, 'events.sqlite'));
  try {
    const baselineRates = [rawReadRate(store.file)];
    // The verifiable log's tree is built in the background after the start: the first start is
    // stopped once it has caught up too, so that each restart finds every read model built.
    const firstApi = await startApiProcess(dataDir, START_TIMEOUT_MS);
    let treeCaughtUp: Record<string, unknown>;
    try {
      treeCaughtUp = await awaitLogLine(firstApi, 'The verifiable log caught up', START_TIMEOUT_MS);
    } finally {
      await firstApi.stop();
    }
    const first: ApiStart = firstApi;
    if (label === '1m') baselineRates.push(rawReadRate(store.file));
    const caughtUp = first.logLines.find((line) => line['msg'] === 'Read models caught up');
    const progressLines = first.logLines.filter((line) => line['msg'] === 'Read models catching up').length;
    // An API that does not log its catch-up (builds before it did): the events over the whole start.
    const rebuildRate = caughtUp ? Number(caughtUp['eventsPerSecond']) : Math.round(store.events / (first.healthyMs / 1000));
    say(
      `  scale ${label} first start: healthy after ${(first.healthyMs / 1000).toFixed(1)} s, read models built at ${rebuildRate} events/s (${progressLines} progress lines), ` +
        `the verifiable log's tree after it in the background at ${String(treeCaughtUp['eventsPerSecond'])} events/s, raw read ${baselineRates.map((rate) => rate.toFixed(0)).join(', ')} events/s`,
    );

    const restarts: ApiStart[] = [];
    for (let i = 0; i < RESTARTS; i++) restarts.push(await timeApiStart(dataDir, START_TIMEOUT_MS));
    say(`  scale ${label} restart: ${restarts.map((start) => `${start.healthyMs.toFixed(0)} ms`).join(', ')}, RSS ${restarts.map((start) => start.rssMiB.toFixed(0)).join(', ')} MiB`);

    const after = statSync(store.file);
    if (after.mtimeMs !== before.mtimeMs || after.size !== before.size) {
      rmSync(store.file, { force: true });
      throw new Error(`The cached ${store.file} was written to by the API; removed (the next run builds it again)`);
    }

    const ms = median(restarts.map((start) => start.healthyMs));
    const emptyMs = median(empty.map((start) => start.healthyMs));
    const rss = median(restarts.map((start) => start.rssMiB));
    const emptyRss = median(empty.map((start) => start.rssMiB));
    const baselineRate = median(baselineRates);
    const shape = `${store.events} events in ${store.stories} stories`;
    return {
      cases: [
        {
          name: `scale-${label} first-start read-model build`,
          value: rebuildRate,
          unit: 'events/s',
          baseline: round(baselineRate, 0),
          ratio: round(rebuildRate / baselineRate, 3),
          samples: { ours: 1, baseline: baselineRates.length },
          note: `${shape}, read-models.sqlite absent: ${caughtUp ? "the rate of the API's last progress line" : 'no progress line logged: events / time to healthy'} (healthy after ${(first.healthyMs / 1000).toFixed(1)} s, ${progressLines} progress lines); baseline better-sqlite3 .iterate() + JSON.parse of data and metadata of every row, nothing written; ratio = ours / baseline`,
        },
        {
          name: `scale-${label} restart healthy`,
          value: round(ms, 0),
          unit: 'ms',
          baseline: round(emptyMs, 0),
          ratio: round(emptyMs / ms, 2),
          samples: { ours: restarts.length, baseline: empty.length },
          note: `${shape}, read models built (the verifiable log's tree too): spawn to the first 200 from GET /health (median); baseline the same start on an empty DATA_DIR; ratio = baseline / ours (1 = flat)`,
        },
        {
          name: `scale-${label} restart RSS`,
          value: round(rss, 0),
          unit: 'MiB',
          baseline: round(emptyRss, 0),
          ratio: round(emptyRss / rss, 2),
          samples: { ours: restarts.length, baseline: empty.length },
          note: `${shape}: VmRSS right after the first 200 (median; peak VmHWM ${restarts.map((start) => start.peakRssMiB.toFixed(0)).join(', ')} MiB); baseline the start on an empty DATA_DIR; ratio = baseline / ours`,
        },
      ],
      details: {
        events: store.events,
        stories: store.stories,
        firstStart: {
          healthyMs: round(first.healthyMs, 0),
          rebuildEventsPerSecond: rebuildRate,
          progressLines,
          rssMiB: round(first.rssMiB, 0),
          peakRssMiB: round(first.peakRssMiB, 0),
          tree: { eventsPerSecond: treeCaughtUp['eventsPerSecond'], elapsedMs: treeCaughtUp['elapsedMs'] },
        },
        restarts: restarts.map((start) => ({ healthyMs: round(start.healthyMs, 0), rssMiB: round(start.rssMiB, 0), peakRssMiB: round(start.peakRssMiB, 0) })),
        emptyStarts: empty.map((start) => ({ healthyMs: round(start.healthyMs, 0), rssMiB: round(start.rssMiB, 0) })),
        rawReadEventsPerSecond: baselineRates.map((rate) => round(rate, 0)),
      },
    };
  } finally {
    rmSync(dataDir, { recursive: true, force: true });
  }
}

/** Every row read with better-sqlite3 in global order, data and metadata parsed: the floor of any rebuild. */
function rawReadRate(file: string): number {
  const db = new Database(file, { readonly: true, fileMustExist: true });
  try {
    const started = performance.now();
    let rows = 0;
    for (const row of db.prepare<[], { data: string; metadata: string }>('SELECT stream_id, revision, type, data, metadata FROM events ORDER BY global_position').iterate()) {
      JSON.parse(row.data);
      JSON.parse(row.metadata);
      rows++;
    }
    return rows / ((performance.now() - started) / 1000);
  } finally {
    db.close();
  }
}
