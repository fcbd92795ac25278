import { isDeepStrictEqual } from 'node:util';
import { performance } from 'node:perf_hooks';
import { CURRENT_SCHEMA_VERSION, decide, evolve, initialStoryState, storyStreamName, type RecordedStoryEvent, type StoryState } from '@story-tracker/domain';
import { openSqliteEventStore, type NewEvent } from '@story-tracker/event-store';
import { eventsOf } from './long-story.events';
import { LongStoryMix } from './long-story.mix';
import { seededPrng } from './prng';

/** The 100,000-event story of the history cases. */
export const LONG_STORY = 'bench-long-history';
export const LONG_STORY_EVENTS = 100_000;
/** Events per append (one transaction each), as a bulk import would write them. */
export const LONG_STORY_BATCH = 1_000;
const SEED = 20220224;
const ACTORS = ['alice', 'bob', 'carol', 'dmitri', 'eve'];
/** The first event's record time; each next one 1 to 60 s later (about five weeks in all). */
const START = Date.UTC(2022, 0, 10, 6, 0, 0);

export interface LongStoryBuild {
  readonly events: number;
  readonly transactions: number;
  /** Wall time of the whole build, and the part spent in `store.append` (sealing, hashing, inserting). */
  readonly totalMs: number;
  readonly appendMs: number;
  /** Whether every command went through `decide` against the folded state (BENCH_CHECK_LONG_STORY=1). */
  readonly checkedByDecide: boolean;
  /** How many events of each type the story holds. */
  readonly eventTypes: Readonly<Record<string, number>>;
}

/**
 * Writes the long story into the SQLite event store file of our running API through the event store
 * port (a second connection, as a bulk import would open), LONG_STORY_BATCH events per append with
 * the expected revision; metadata: actor, increasing recordedAt (ms), schemaVersion. The same seed
 * gives the same story every run. The API's story-list projection is not told (it follows appends
 * made through its own connection); the history reads do not use it.
 */
export async function buildLongStory(file: string, check = process.env['BENCH_CHECK_LONG_STORY'] === '1'): Promise<LongStoryBuild> {
  const started = performance.now();
  const store = openSqliteEventStore({ file });
  const prng = seededPrng(SEED);
  const mix = new LongStoryMix(prng, LONG_STORY);
  const stream = storyStreamName(LONG_STORY);
  const eventTypes: Record<string, number> = {};
  let state: StoryState = initialStoryState;
  let revision = 0;
  let now = START;
  let batch: NewEvent[] = [];
  let appendMs = 0;
  let transactions = 0;
  try {
    while (revision < LONG_STORY_EVENTS) {
      now += prng.int(1_000, 60_000);
      const metadata = { actor: prng.pick(ACTORS), recordedAt: new Date(now).toISOString(), schemaVersion: CURRENT_SCHEMA_VERSION };
      const { command } = mix.next(now);
      const events = eventsOf(command);
      if (check) {
        const decided = decide(command, state);
        if (!isDeepStrictEqual(decided, events)) throw new Error(`decide disagrees at revision ${revision}: ${JSON.stringify({ decided, events })}`);
      }
      for (const event of events.slice(0, LONG_STORY_EVENTS - revision)) {
        revision++;
        if (check) state = evolve(state, { ...event, revision, metadata } as RecordedStoryEvent);
        batch.push({ type: event.type, data: event.data, metadata });
        eventTypes[event.type] = (eventTypes[event.type] ?? 0) + 1;
      }
      if (batch.length >= LONG_STORY_BATCH || revision >= LONG_STORY_EVENTS) {
        const appendStarted = performance.now();
        const { nextRevision } = await store.append(stream, batch, { expectedRevision: revision - batch.length });
        appendMs += performance.now() - appendStarted;
        transactions++;
        if (nextRevision !== revision) throw new Error(`The store is at revision ${nextRevision}, the story at ${revision}`);
        batch = [];
      }
    }
  } finally {
    await store.close();
  }
  return { events: revision, transactions, totalMs: performance.now() - started, appendMs, checkedByDecide: check, eventTypes };
}
