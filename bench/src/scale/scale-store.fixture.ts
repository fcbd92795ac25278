import { existsSync, mkdirSync, renameSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { CURRENT_SCHEMA_VERSION, storyStreamName } from '@story-tracker/domain';
import { GENESIS_HASH, chainHash, migrateSqliteFile, openSqliteEventStore } from '@story-tracker/event-store';
import Database from 'better-sqlite3';
import { eventsOf } from '../history/long-story.events';
import { LongStoryMix } from '../history/long-story.mix';
import { seededPrng } from '../history/prng';

/**
 * Bump when the bytes the fixture writes change: a cached file of another version is never reused.
 * v1: the long story's mix (`long-story.mix.ts`), one mix per story, stories interleaved in turns.
 */
export const SCALE_FIXTURE_VERSION = 1;
const SEED = 20220301;
const ACTORS = ['alice', 'bob', 'carol', 'dmitri', 'eve'];
const START = Date.UTC(2022, 0, 10, 6, 0, 0);
/** Events each story gets per turn: the stories' events are interleaved in the global order, as a newsroom writes them. */
const TURN = 10;
/** Rows per transaction while writing. */
const TRANSACTION_ROWS = 200_000;

export interface ScaleShape {
  readonly stories: number;
  readonly eventsPerStory: number;
}

export interface ScaleStore {
  /** The cached events.sqlite (never written to: the scale cases hard-link it into a DATA_DIR and check it afterwards). */
  readonly file: string;
  readonly events: number;
  readonly stories: number;
  /** Time spent building it in this run; 0 when the cached file was reused. */
  readonly buildMs: number;
  readonly cached: boolean;
}

/**
 * An events.sqlite with `stories × eventsPerStory` events, written straight with better-sqlite3 in
 * big transactions (what a bulk import into an empty store leaves behind), every event sealed with the
 * store's own `sealEvents` (correct revisions and hash chains: `verify` passes on it). Each story is
 * the long story's mix (`StoryOpened`, published at revision 40, then troop estimates, notes,
 * statements, meetings, demands, corrections, retractions, a new headline now and then). Built once
 * per shape and fixture version under the machine's temporary folder and reused afterwards.
 */
export function scaleStore(shape: ScaleShape, say: (line: string) => void = () => undefined): ScaleStore {
  const folder = join(tmpdir(), 'story-tracker-bench', `scale-v${SCALE_FIXTURE_VERSION}-${shape.stories}x${shape.eventsPerStory}`);
  const file = join(folder, 'events.sqlite');
  const events = shape.stories * shape.eventsPerStory;
  if (existsSync(file)) {
    // Built by an earlier version of the store: its layout brought up to date here, not by the API
    // under measurement (which must find the file as it would after an import).
    migrateSqliteFile(file);
    return { file, events, stories: shape.stories, buildMs: 0, cached: true };
  }
  mkdirSync(folder, { recursive: true });
  const building = join(folder, 'building.sqlite');
  for (const suffix of ['', '-wal', '-shm']) rmSync(building + suffix, { force: true });
  const started = performance.now();
  writeScaleStore(building, shape, say);
  renameSync(building, file);
  return { file, events, stories: shape.stories, buildMs: performance.now() - started, cached: false };
}

interface StoryWriter {
  readonly stream: string;
  readonly mix: LongStoryMix;
  revision: number;
  hash: string;
  /** Events decided but not written yet (a command may give more than one). */
  pending: { type: string; data: unknown }[];
}

export function writeScaleStore(file: string, shape: ScaleShape, say: (line: string) => void = () => undefined): void {
  // The schema as the store makes it, then the rows straight in.
  const store = openSqliteEventStore({ file });
  void store.close();
  const db = new Database(file);
  try {
    db.pragma('synchronous = OFF');
    db.pragma('cache_size = -262144');
    const insert = db.prepare('INSERT INTO events (stream_id, revision, type, data, metadata, hash, previous_hash) VALUES (?, ?, ?, ?, ?, ?, ?)');
    const prng = seededPrng(SEED);
    const stories: StoryWriter[] = Array.from({ length: shape.stories }, (_, index) => {
      const id = `scale-${String(index + 1).padStart(6, '0')}`;
      return { stream: storyStreamName(id), mix: new LongStoryMix(seededPrng(SEED + index + 1), id), revision: 0, hash: GENESIS_HASH, pending: [] };
    });
    const total = shape.stories * shape.eventsPerStory;
    let now = START;
    let written = 0;
    let inTransaction = 0;
    let lastSaid = performance.now();
    const started = lastSaid;
    db.exec('BEGIN');
    while (written < total) {
      for (const story of stories) {
        const turn = Math.min(TURN, shape.eventsPerStory - story.revision);
        if (turn <= 0) continue;
        now += prng.int(1, 200);
        const metadata = { actor: prng.pick(ACTORS), recordedAt: new Date(now).toISOString(), schemaVersion: CURRENT_SCHEMA_VERSION };
        const metadataJson = JSON.stringify(metadata);
        for (const event of nextEvents(story, turn, now)) {
          // Sealed as the store's append seals: the JSON round trip is what is hashed and stored.
          const dataJson = JSON.stringify(event.data);
          const revision = story.revision + 1;
          const hash = chainHash(story.hash, { streamId: story.stream, revision, type: event.type, data: JSON.parse(dataJson), metadata });
          insert.run(story.stream, revision, event.type, dataJson, metadataJson, hash, story.hash);
          story.revision = revision;
          story.hash = hash;
        }
        written += turn;
        inTransaction += turn;
        if (inTransaction >= TRANSACTION_ROWS) {
          db.exec('COMMIT');
          db.exec('BEGIN');
          inTransaction = 0;
          if (performance.now() - lastSaid > 10_000) {
            lastSaid = performance.now();
            say(`  scale fixture: ${written} / ${total} events written (${Math.round(written / ((lastSaid - started) / 1000))} events/s)`);
          }
        }
      }
    }
    db.exec('COMMIT');
    db.pragma('wal_checkpoint(TRUNCATE)');
  } finally {
    db.close();
  }
}

/** The story's next `count` events; one turn's events share their metadata (one bulk write). */
function nextEvents(story: StoryWriter, count: number, now: number): { type: string; data: unknown }[] {
  const out: { type: string; data: unknown }[] = [];
  while (out.length < count) {
    if (story.pending.length === 0) story.pending = eventsOf(story.mix.next(now).command);
    out.push(story.pending.shift()!);
  }
  return out;
}
