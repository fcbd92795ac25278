import { existsSync, mkdirSync, renameSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { openSqliteEventStore, readAllEncoded } from '@story-tracker/event-store';
import { openReadModelDatabase } from '@story-tracker/projections';
import { LogTree, LogTreeProjection, SqliteTileStore, rootHash } from '@story-tracker/verifiable-log';
import { SCALE_FIXTURE_VERSION, type ScaleStore } from '../scale/scale-store.fixture';

/**
 * Bump when what the fixture writes changes (or when the tiles' layout does): a cached file of another
 * version is never reused. v1: LogTreeProjection over every event of the scale store, batches of 5,000.
 */
/** 2: full tiles stored with every node inside them (their pyramid). */
export const LOG_TILES_VERSION = 2;

export interface LogTiles {
  /** A read-model database holding only the log's tiles (`log_tiles`, `log_tree`), WAL. */
  readonly file: string;
  readonly size: number;
  /** The root of the whole tree, hex: the API's tree over the same store must have it too. */
  readonly rootHex: string;
  /** Time spent building it in this run; 0 when the cached file was reused. */
  readonly buildMs: number;
  readonly cached: boolean;
}

/**
 * The tiles of the log over every event of a scale store, kept in a SQLite file opened as the API opens
 * its read-model database (`openReadModelDatabase`: WAL, synchronous NORMAL) and written by the API's own
 * read model (LogTreeProjection). Built once per store shape and version under the bench's cache folder
 * (`$TMPDIR/story-tracker-bench/log-tiles-v…`, written as `building.sqlite`, renamed when complete) and
 * reused afterwards; the proof cases only read it.
 */
export async function logTiles(store: ScaleStore): Promise<LogTiles> {
  const folder = join(tmpdir(), 'story-tracker-bench', `log-tiles-v${LOG_TILES_VERSION}-scale-v${SCALE_FIXTURE_VERSION}-${store.stories}x${store.events / store.stories}`);
  const file = join(folder, 'tiles.sqlite');
  if (existsSync(file)) {
    const found = describe(file);
    if (found.size === store.events) return { file, ...found, buildMs: 0, cached: true };
    // Cut short or built from another store: build it again.
    for (const suffix of ['', '-wal', '-shm']) rmSync(file + suffix, { force: true });
  }
  mkdirSync(folder, { recursive: true });
  const building = join(folder, 'building.sqlite');
  for (const suffix of ['', '-wal', '-shm']) rmSync(building + suffix, { force: true });
  const started = performance.now();
  await buildTiles(store.file, building);
  renameSync(building, file);
  return { file, ...describe(file), buildMs: performance.now() - started, cached: false };
}

async function buildTiles(eventsFile: string, tilesFile: string): Promise<void> {
  const events = openSqliteEventStore({ file: eventsFile });
  const db = openReadModelDatabase(tilesFile);
  try {
    const tree = new LogTreeProjection(new SqliteTileStore(db));
    for (let position = 0; ; ) {
      const batch = await readAllEncoded(events, position, 5_000);
      if (batch.length === 0) break;
      tree.apply(batch);
      position = batch[batch.length - 1]!.globalPosition;
    }
    // Everything into the main file, so that the rename takes the whole tree with it.
    db.pragma('wal_checkpoint(TRUNCATE)');
  } finally {
    db.close();
    await events.close();
  }
}

function describe(file: string): { size: number; rootHex: string } {
  const db = openReadModelDatabase(file);
  try {
    const tiles = new SqliteTileStore(db);
    const tree = new LogTree(tiles, tiles.size());
    return { size: tree.size, rootHex: tree.size > 0 ? rootHash(tree).toString('hex') : '' };
  } finally {
    db.close();
  }
}
