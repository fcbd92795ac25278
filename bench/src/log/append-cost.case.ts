import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { CURRENT_SCHEMA_VERSION, storyStreamName } from '@story-tracker/domain';
import { openSqliteEventStore, type NewEvent } from '@story-tracker/event-store';
import { ProjectionRunner, StoryListProjection, openReadModelDatabase } from '@story-tracker/projections';
import { LogTreeProjection, SqliteTileStore } from '@story-tracker/verifiable-log';
import { LATENCY_NOTE, type CaseResult } from '../case-results';
import { percentile } from '../history/percentile';
import { eventsOf } from '../history/long-story.events';
import { LongStoryMix } from '../history/long-story.mix';
import { seededPrng } from '../history/prng';
import { median, round } from '../stats';
import { LOG } from './settings';

interface Workload {
  readonly stream: string;
  readonly events: readonly NewEvent[];
}

/** One run of the workload on a fresh store. */
interface AppendRun {
  readonly withTree: boolean;
  readonly appendsPerSecond: number;
  readonly p99Ms: number;
  /** From the first append to every follower at the head. */
  readonly caughtUpMs: number;
  /** From the last append answered to every follower at the head. */
  readonly tailMs: number;
  /** CPU time of the whole process (this thread, the store's writer thread, SQLite) per event, in µs. */
  readonly cpuMicrosPerEvent: number;
}

const ACTORS = ['alice', 'bob', 'carol', 'dmitri', 'eve'];
const START = Date.UTC(2022, 1, 1, 6, 0, 0);

/**
 * The cost the tree adds to an append, in-process, as the API is wired: a SqliteEventStore (group
 * commit: the appends that arrive together share one commit) followed by a ProjectionRunner with the
 * story list, and, on the side "with the tree", a second runner with LogTreeProjection on the same
 * read-model database (the API gives the tree a runner of its own). LOG.appendStreams writers append
 * LOG.appendEvents events between them, one event per append with its expected revision, each waiting
 * for the story list to show it before the next (the API's read-your-writes). Rounds alternate the two
 * sides on fresh files, the order flipping every round; ratios are taken per round.
 */
export async function measureAppendCost(say: (line: string) => void): Promise<{ cases: CaseResult[]; details: Record<string, unknown> }> {
  const workload = buildWorkload(LOG.appendEvents);
  // Both sides once on a short workload first, untimed: the first run of a process pays for the JIT.
  const warmup = buildWorkload(LOG.appendWarmupEvents);
  for (const withTree of [false, true]) await runWorkload(warmup, withTree);
  const rounds: { with: AppendRun; without: AppendRun }[] = [];
  for (let index = 0; index < LOG.appendRounds; index++) {
    const order = index % 2 === 0 ? [false, true] : [true, false];
    const runs: AppendRun[] = [];
    for (const withTree of order) runs.push(await runWorkload(workload, withTree));
    const pair = { with: runs.find((run) => run.withTree)!, without: runs.find((run) => !run.withTree)! };
    rounds.push(pair);
    say(
      `  log-append round ${index + 1}: with the tree ${pair.with.appendsPerSecond.toFixed(0)} appends/s (p99 ${pair.with.p99Ms.toFixed(1)} ms, all caught up after ${pair.with.caughtUpMs.toFixed(0)} ms, ${pair.with.tailMs.toFixed(0)} ms after the last answer), ` +
        `without ${pair.without.appendsPerSecond.toFixed(0)} appends/s (p99 ${pair.without.p99Ms.toFixed(1)} ms, caught up after ${pair.without.caughtUpMs.toFixed(0)} ms); ` +
        `CPU ${pair.with.cpuMicrosPerEvent.toFixed(0)} against ${pair.without.cpuMicrosPerEvent.toFixed(0)} µs per event`,
    );
  }
  const about = `${LOG.appendEvents} events in ${LOG.appendStreams} streams written at once, one event per append, each waiting for the story list; ${LOG.appendRounds} rounds per side, alternating, fresh files`;
  const entry = (name: string, unit: string, figure: (run: AppendRun) => number, higherIsBetter: boolean, note: string, digits: number): CaseResult => {
    const roundRatios = rounds.map((pair) => (higherIsBetter ? figure(pair.with) / figure(pair.without) : figure(pair.without) / figure(pair.with)));
    return {
      name,
      value: round(median(rounds.map((pair) => figure(pair.with))), digits),
      unit,
      baseline: round(median(rounds.map((pair) => figure(pair.without))), digits),
      ratio: round(median(roundRatios), 3),
      roundRatios: roundRatios.map((ratio) => round(ratio, 3)),
      note,
    };
  };
  return {
    cases: [
      entry('log-append with tree throughput', 'appends/s', (run) => run.appendsPerSecond, true, `ours: the store followed by the story list and the tree; baseline: the story list alone; ${about}; ratio = ours / baseline (1 = the tree costs an append nothing)`, 0),
      entry('log-append with tree p99 latency', 'ms', (run) => run.p99Ms, false, `${LATENCY_NOTE}; one append + the story list showing it; ${about}`, 2),
      entry('log-append with tree caught up', 'ms', (run) => run.caughtUpMs, false, `${LATENCY_NOTE}; from the first append until every follower (the story list, and the tree on our side) holds every event; ${about}`, 0),
      entry(
        'log-append with tree CPU per event',
        'µs',
        (run) => run.cpuMicrosPerEvent,
        false,
        `CPU time of the whole process (main thread, the store's writer thread, SQLite) per event appended and followed, lower is better, ratio = baseline / ours: what the tree costs once waiting for a CPU or a disk is taken out; ${about}`,
        1,
      ),
    ],
    details: {
      appendCost: {
        events: LOG.appendEvents,
        streams: LOG.appendStreams,
        rounds: rounds.map((pair) => ({ with: rounded(pair.with), without: rounded(pair.without) })),
      },
    },
  };
}

function rounded(run: AppendRun): Record<string, number> {
  return { appendsPerSecond: round(run.appendsPerSecond, 0), p99Ms: round(run.p99Ms, 2), caughtUpMs: round(run.caughtUpMs, 0), tailMs: round(run.tailMs, 0), cpuMicrosPerEvent: round(run.cpuMicrosPerEvent, 1) };
}

async function runWorkload(workload: readonly Workload[], withTree: boolean): Promise<AppendRun> {
  const folder = mkdtempSync(join(tmpdir(), 'story-tracker-log-append-'));
  const store = openSqliteEventStore({ file: join(folder, 'events.sqlite') });
  const db = openReadModelDatabase(join(folder, 'read-models.sqlite'));
  const storyList = new ProjectionRunner(store, [new StoryListProjection(db)]);
  const treeProjection = withTree ? new LogTreeProjection(new SqliteTileStore(db)) : undefined;
  const tree = treeProjection ? new ProjectionRunner(store, [treeProjection]) : undefined;
  try {
    await storyList.start();
    await tree?.start();
    const latencies: number[] = [];
    const cpuBefore = process.cpuUsage();
    const started = performance.now();
    await Promise.all(
      workload.map(async ({ stream, events }) => {
        for (const [revision, event] of events.entries()) {
          const sent = performance.now();
          const { positions } = await store.append(stream, [event], { expectedRevision: revision });
          await storyList.waitFor(positions[positions.length - 1]!);
          latencies.push(performance.now() - sent);
        }
      }),
    );
    const appended = performance.now();
    const head = await store.headPosition();
    await Promise.all([storyList.waitFor(head), tree?.waitFor(head)]);
    const caughtUp = performance.now();
    const cpu = process.cpuUsage(cpuBefore);
    const expected = workload.reduce((sum, { events }) => sum + events.length, 0);
    if (head !== expected) throw new Error(`The store holds ${head} events, not ${expected}`);
    if (treeProjection && treeProjection.current().size !== head) throw new Error(`The tree holds ${treeProjection.current().size} leaves, not ${head}`);
    return {
      withTree,
      appendsPerSecond: head / ((appended - started) / 1000),
      p99Ms: percentile(latencies, 99),
      caughtUpMs: caughtUp - started,
      tailMs: caughtUp - appended,
      cpuMicrosPerEvent: (cpu.user + cpu.system) / head,
    };
  } finally {
    await tree?.stop();
    await storyList.stop();
    db.close();
    await store.close();
    rmSync(folder, { recursive: true, force: true });
  }
}

/** The same events every run: each stream the long story's mix (seeded), its own actor and times. */
function buildWorkload(total: number): Workload[] {
  const perStream = total / LOG.appendStreams;
  return Array.from({ length: LOG.appendStreams }, (_, index) => {
    const id = `log-append-${index + 1}`;
    const prng = seededPrng(LOG.seed + 1_000 + index);
    const mix = new LongStoryMix(prng, id);
    const events: NewEvent[] = [];
    let now = START;
    while (events.length < perStream) {
      now += prng.int(1_000, 60_000);
      const metadata = { actor: prng.pick(ACTORS), recordedAt: new Date(now).toISOString(), schemaVersion: CURRENT_SCHEMA_VERSION };
      for (const event of eventsOf(mix.next(now).command)) events.push({ type: event.type, data: event.data, metadata });
    }
    return { stream: storyStreamName(id), events: events.slice(0, perStream) };
  });
}
