import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { NewEvent } from '../event-store.port';
import { verifyChain } from '../chain/verify-chain';
import { eraseValues } from '../redaction/erase-values';
import { openSqliteEventStore, type SqliteEventStoreOptions } from './sqlite-event-store';
import { SCHEMA_VERSION } from './sqlite-schema';
import { TempDatabase } from './testing/temp-database';

const event = (type: string, data: unknown = {}): NewEvent => ({ type, data, metadata: { actor: 'reporter-1' } });
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

describe('SqliteEventStore and its file', () => {
  let temp: TempDatabase;
  const open = (options: Partial<SqliteEventStoreOptions> = {}) => {
    const store = openSqliteEventStore({ file: temp.file, ...options });
    temp.onRemove(() => store.close());
    return store;
  };
  beforeEach(() => {
    temp = new TempDatabase();
  });
  afterEach(() => temp.remove());

  describe('schema', () => {
    it('creates the tables once, in WAL mode, and records the schema version', async () => {
      await open().close();
      await open().close();
      const raw = temp.rawConnection();

      expect(raw.pragma('journal_mode', { simple: true })).toBe('wal');
      expect(raw.pragma('user_version', { simple: true })).toBe(SCHEMA_VERSION);
      const tables = raw.prepare("SELECT name FROM sqlite_master WHERE type = 'table' ORDER BY name").pluck().all();
      expect(tables).toEqual(expect.arrayContaining(['events', 'idempotency_keys']));
    });

    it('brings a version-3 file up to date, its snapshots kept', async () => {
      await open().close();
      const raw = temp.rawConnection();
      // The file as version 3 left it: no pieces.
      raw.exec('DROP TABLE snapshot_pieces; ALTER TABLE snapshots DROP COLUMN pieces; PRAGMA user_version = 3');
      raw.prepare('INSERT INTO snapshots (stream_id, code_version, revision, event_hash, recorded_at, state) VALUES (?, ?, ?, ?, ?, ?)').run('story-1', 'v1', 1000, 'h'.repeat(64), 1, Buffer.from([1, 2, 3]));
      const store = open();

      expect(raw.pragma('user_version', { simple: true })).toBe(SCHEMA_VERSION);
      expect(Buffer.concat((await store.snapshots.nearest('story-1', 1000, 'v1'))!.state)).toEqual(Buffer.from([1, 2, 3]));
      await store.snapshots.save({ streamId: 'story-1', revision: 2000, codeVersion: 'v1', eventHash: 'g'.repeat(64), recordedAt: 2, state: new Uint8Array(600_000).fill(7) });
      expect(Buffer.concat((await store.snapshots.nearest('story-1', 2000, 'v1'))!.state)).toHaveLength(600_000);
    });

    it('refuses a file written by a newer schema', () => {
      open();
      temp.rawConnection().pragma('user_version = 99');

      expect(() => openSqliteEventStore({ file: temp.file })).toThrow(/schema version 99/);
    });

    it('refuses a second event at the same place in a stream, whoever writes it', async () => {
      const store = open();
      await store.append('story-1', [event('StoryOpened')], { expectedRevision: 0 });
      const raw = temp.rawConnection();
      const insert = raw.prepare(
        `INSERT INTO events (stream_id, revision, type, data, metadata, hash, previous_hash)
         VALUES ('story-1', 1, 'Forged', '{}', '{}', 'x', 'y')`,
      );

      expect(() => insert.run()).toThrow(expect.objectContaining({ code: 'SQLITE_CONSTRAINT_UNIQUE' }));
      expect(await store.streamRevision('story-1')).toBe(1);
    });

    it('keeps data and metadata as JSON text other tools can query, and the key with its stream', async () => {
      const store = open();
      const idempotency = { scope: 'reporter-1', key: 'key-1', fingerprint: 'f', status: 201, body: { ok: true } };
      await store.append('story-1', [event('StoryOpened', { headline: 'Brücke' })], {
        expectedRevision: 0,
        idempotency,
      });
      const raw = temp.rawConnection();

      expect(raw.prepare("SELECT json_extract(data, '$.headline') FROM events").pluck().get()).toBe('Brücke');
      expect(raw.prepare("SELECT json_extract(metadata, '$.actor') FROM events").pluck().get()).toBe('reporter-1');
      expect(raw.prepare('SELECT stream_id FROM idempotency_keys').pluck().get()).toBe('story-1');
    });
  });

  describe('WAL checkpoints', () => {
    it('leaves the WAL empty after close, with everything in the database file', async () => {
      const store = open();
      await store.append('story-1', [event('StoryOpened'), event('StoryRetitled')], { expectedRevision: 0 });
      // Another connection that has read the file keeps the WAL in use, so SQLite's own checkpoint
      // when the last connection closes cannot be what empties it.
      const raw = temp.rawConnection();
      expect(raw.prepare('SELECT COUNT(*) FROM events').pluck().get()).toBe(2);
      expect(temp.walBytes()).toBeGreaterThan(0);

      await store.close();

      expect(temp.walBytes()).toBe(0);
      expect(raw.prepare('SELECT COUNT(*) FROM events').pluck().get()).toBe(2);
    });

    it('does not checkpoint inside appends, however large the WAL grows', async () => {
      const store = open({ checkpointIntervalMs: 60_000 });
      await store.append('story-0', [event('Warmup')], { expectedRevision: 0 });
      const fileBefore = temp.fileBytes();
      const page = { text: 'x'.repeat(100_000) };

      // About 6 MB: past SQLite's automatic threshold of 1000 pages (4 MB at the default page size).
      for (let revision = 0; revision < 60; revision++) {
        await store.append('story-1', [event('Big', page)], { expectedRevision: revision });
      }

      expect(temp.walBytes()).toBeGreaterThan(4 * 1024 * 1024);
      expect(temp.fileBytes()).toBe(fileBefore);
    });

    it('starts the WAL over while appends never stop', async () => {
      const store = open({ checkpointIntervalMs: 50 });
      const text = 'x'.repeat(20_000);
      let written = 0;
      const inFlight: Promise<unknown>[] = [];
      // Always a batch waiting while one commits, so the writer never pauses: the load under which a
      // checkpoint made beside the writer (from the main thread) never reached the WAL's end, so the
      // WAL was never started over and grew by everything written.
      for (const until = Date.now() + 1500; Date.now() < until; ) {
        while (inFlight.length < 60) {
          inFlight.push(store.append(`story-${inFlight.length % 10}`, [event('Big', { text })], { expectedRevision: 'any' }));
          written += text.length;
        }
        await inFlight.shift();
      }
      await Promise.all(inFlight);

      expect(written).toBeGreaterThan(8_000_000);
      // Started over, the WAL is as long as what a few ticks write, not everything written since the start.
      expect(temp.walBytes()).toBeLessThan(written / 2);
    });

    it('checkpoints on its timer', async () => {
      const store = open({ checkpointIntervalMs: 250 });
      const fileBefore = temp.fileBytes();

      await store.append('story-1', [event('Big', { text: 'x'.repeat(200_000) })], { expectedRevision: 0 });
      // Committed to the WAL, not yet in the file (the first tick is a while off)…
      expect(temp.fileBytes()).toBeLessThan(fileBefore + 200_000);
      await sleep(600);

      expect(temp.fileBytes()).toBeGreaterThan(fileBefore + 200_000);
    });
  });

  describe('snapshots', () => {
    const snapshot = (state: Uint8Array) => ({ streamId: 'story-1', revision: 1000, codeVersion: 'v1', eventHash: 'h'.repeat(64), recordedAt: 1, state });

    it('writes a large state in pieces, letting the event loop turn between them', async () => {
      const store = open();
      const state = Uint8Array.from({ length: 3 * 1024 * 1024 + 7 }, (_, index) => (index * 31) % 251);
      let turns = 0;
      const ticking = setInterval(() => turns++, 0);
      try {
        await store.snapshots.save(snapshot(state));
      } finally {
        clearInterval(ticking);
      }

      expect(turns).toBeGreaterThan(3);
      const raw = temp.rawConnection();
      expect(raw.prepare('SELECT state, pieces FROM snapshots').get()).toEqual({ state: null, pieces: 13 });
      expect(raw.prepare('SELECT COUNT(*) FROM snapshot_pieces').pluck().get()).toBe(13);
      expect(Buffer.concat((await store.snapshots.nearest('story-1', 1000, 'v1'))!.state).equals(Buffer.from(state))).toBe(true);
    });

    it('deletes a large state piece by piece too, letting the event loop turn between them', async () => {
      const store = open();
      await store.snapshots.save(snapshot(new Uint8Array(3 * 1024 * 1024).fill(9)));
      let turns = 0;
      const ticking = setInterval(() => turns++, 0);
      try {
        await store.snapshots.dropStates('story-1', 'v1', [1000]);
      } finally {
        clearInterval(ticking);
      }

      expect(turns).toBeGreaterThan(3);
      expect(temp.rawConnection().prepare('SELECT COUNT(*) FROM snapshot_pieces').pluck().get()).toBe(0);
      expect(await store.snapshots.marks('story-1', 'v1')).toMatchObject([{ revision: 1000, hasState: false }]);
    });

    it('does not take a state whose pieces were not all written (a write cut short)', async () => {
      const store = open();
      await store.snapshots.save(snapshot(new Uint8Array(1024 * 1024)));
      temp.rawConnection().exec('DELETE FROM snapshot_pieces WHERE piece = 2');

      expect(await store.snapshots.nearest('story-1', 1000, 'v1')).toBeUndefined();
    });
  });

  describe('integrity', () => {
    it('rolls back every event and the idempotency record when one insert fails', async () => {
      const store = open();
      await store.append('story-1', [event('StoryOpened')], { expectedRevision: 0 });
      // Another program's trigger makes the third insert fail after two have gone in.
      temp.rawConnection().exec(`
        CREATE TRIGGER poison BEFORE INSERT ON events WHEN NEW.type = 'Poison'
        BEGIN SELECT RAISE(ABORT, 'poisoned'); END;`);
      const idempotency = { scope: 'reporter-1', key: 'key-1', fingerprint: 'f', status: 201, body: {} };

      // Matched by shape, not toThrow: under jest better-sqlite3's errors can come from another realm.
      await expect(
        store.append('story-1', [event('StoryRetitled'), event('StoryRetitled'), event('Poison')], {
          expectedRevision: 1,
          idempotency,
        }),
      ).rejects.toMatchObject({ code: 'SQLITE_CONSTRAINT_TRIGGER', message: 'poisoned' });

      expect(await store.streamRevision('story-1')).toBe(1);
      expect(await store.headPosition()).toBe(1);
      expect(await store.findIdempotency('reporter-1', 'key-1')).toBeUndefined();
      const next = await store.append('story-1', [event('StoryRetitled')], { expectedRevision: 1 });
      expect(next).toEqual({ nextRevision: 2, positions: [2] });
    });

    it('lets the chain show an event that was changed in the file', async () => {
      const store = open();
      await store.append('story-1', [event('A', { n: 1 }), event('B', { n: 2 }), event('C', { n: 3 })], {
        expectedRevision: 0,
      });

      temp.rawConnection().exec(`UPDATE events SET data = '{"n":20}' WHERE stream_id = 'story-1' AND revision = 2`);

      expect(await verifyChain(store.readStream('story-1'))).toMatchObject({
        verified: false,
        firstBrokenRevision: 2,
      });
    });
  });

  describe('redaction', () => {
    /** The files of the store (the database, its WAL and shared memory) whose raw bytes hold `text`. */
    const filesHolding = (text: string) => readdirSync(temp.folder).filter((name) => readFileSync(join(temp.folder, name)).includes(Buffer.from(text)));

    it('leaves no copy of an erased value in any file, though the appends after it split the pages that held it', async () => {
      const marker = 'Wq4Erased7Name';
      const store = open();
      await store.append('story-1', [event('Estimated', { count: 100000, source: { name: marker } })], { expectedRevision: 0 });
      // The writer thread's appends split the page the row sat on, and the pages above it, many times.
      for (let revision = 1; revision <= 300; revision++) {
        await store.append('story-1', [event('Noted', { text: `note ${revision} `.repeat(20) })], { expectedRevision: revision });
      }
      expect(filesHolding(marker)).not.toEqual([]);

      await eraseValues(store, 'story-1', [{ revision: 1, pointers: ['/source/name'] }], '[redacted]');
      expect(filesHolding(marker)).toEqual([]);
      await store.close();
      expect(filesHolding(marker)).toEqual([]);
    });
  });

  describe('reading', () => {
    it('reads a stream page by page and lets appends run between pages', async () => {
      const store = open({ readPageSize: 3 });
      await store.append('story-1', Array.from({ length: 10 }, (_, n) => event(`E${n + 1}`)), { expectedRevision: 0 });

      const revisions: number[] = [];
      for await (const read of store.readStream('story-1', { fromRevision: 2 })) {
        revisions.push(read.revision);
        // Would fail with "connection is busy" if the read held a cursor open on this connection.
        await store.append(`other-${read.revision}`, [event('Elsewhere')], { expectedRevision: 0 });
      }

      expect(revisions).toEqual([2, 3, 4, 5, 6, 7, 8, 9, 10]);
      expect(await store.headPosition()).toBe(19);
    });

    it('refuses calls once closed', async () => {
      const store = open();
      await store.close();

      await expect(store.streamRevision('story-1')).rejects.toThrow(/closed/);
      await expect(store.append('story-1', [event('A')], { expectedRevision: 0 })).rejects.toThrow(/closed/);
    });
  });
});
