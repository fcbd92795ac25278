import type Database from 'better-sqlite3';
import { openReadModelDatabase } from '@story-tracker/projections';
import { LogTreeProjection, SqliteTileStore, inclusionProof, readLog, rootHash } from '@story-tracker/verifiable-log';
import { allEncoded, eventRows, openEventStoreOnDisk, tamper } from '../testing/event-store-on-disk';
import { hex, logEntries, unhex } from '../testing/log-entries';
import { logEvents } from '../testing/log-events';
import { refereeAppendOnly } from '../testing/append-only-referee';
import { raceProjections } from '../testing/projection-race-workers';
import { ReferenceTree, referenceLeafHash, referenceVerifyInclusion } from '../testing/rfc9162-reference';
import { TempFolder } from '../testing/temp-folder';

const entries = logEntries(2000);
const reference = new ReferenceTree(entries);

describe('LogTreeProjection on a SQLite read-model file', () => {
  let folder: TempFolder;
  beforeEach(() => {
    folder = new TempFolder();
  });
  afterEach(() => folder.remove());

  /** A projection on its own connection to the read-model file, as each instance of the server has. */
  /** A projection on the file, which refuses any write that is not an append (see append-only-referee.ts). */
  const openProjection = (name = 'read-models.sqlite') => {
    const db = openReadModelDatabase(folder.file(name));
    folder.onRemove(() => db.open && db.close());
    const projection = new LogTreeProjection(new SqliteTileStore(db));
    refereeAppendOnly(db);
    return { db, projection };
  };
  const tilesOf = (db: Database.Database) => ({
    tiles: db.prepare('SELECT level, tile, hex(hashes) AS hashes FROM log_tiles ORDER BY level, tile').all(),
    size: db.prepare('SELECT size FROM log_tree').all(),
  });

  it('applies events in batches, and a projection opened again on the file has the same tree', () => {
    const { db, projection } = openProjection();
    expect(projection.checkpoint()).toBe(0);
    let applied = 0;
    for (const batch of [1, 254, 1, 300, 212]) {
      projection.apply(logEvents(entries, applied + 1, applied + batch));
      applied += batch;
      expect(projection.checkpoint()).toBe(applied);
      expect(hex(rootHash(projection.current()))).toBe(hex(reference.root(applied)));
    }
    db.close();

    const again = openProjection().projection;
    expect(again.checkpoint()).toBe(768);
    const tree = again.current();
    expect(hex(rootHash(tree))).toBe(hex(reference.root(768)));
    for (const index of [0, 255, 256, 511, 767]) {
      expect(inclusionProof(tree, index, 768).map(hex)).toEqual(reference.path(index, 768).map(hex));
      expect(referenceVerifyInclusion(referenceLeafHash(entries[index]!), index, 768, inclusionProof(tree, index, 768), reference.root(768))).toBe(true);
    }
  });

  it('skips what it already holds, so a batch offered again changes nothing', () => {
    const { db, projection } = openProjection();
    projection.apply(logEvents(entries, 1, 40));
    const before = tilesOf(db);
    projection.apply(logEvents(entries, 1, 40));
    projection.apply(logEvents(entries, 20, 40));
    projection.apply([]);
    expect(tilesOf(db)).toEqual(before);
    projection.apply(logEvents(entries, 30, 50));
    expect(projection.checkpoint()).toBe(50);
    expect(hex(rootHash(projection.current()))).toBe(hex(reference.root(50)));
  });

  it('two instances on one file, fed interleaved and overlapping batches, apply every event exactly once', () => {
    const a = openProjection().projection;
    const b = openProjection().projection;
    // [instance, first position, last position, size of the tree on the file afterwards]
    const steps: [LogTreeProjection, number, number, number][] = [
      [a, 1, 100, 100],
      [b, 1, 150, 150], // 1–100 are already there
      [a, 120, 300, 300], // a's own tree is at 100: it must look at the file first
      [b, 180, 260, 300], // nothing new
      [a, 1, 50, 300],
      [b, 290, 301, 301],
      [a, 302, 302, 302],
      [b, 250, 555, 555],
      [a, 556, 700, 700],
    ];
    for (const [projection, from, to, size] of steps) {
      projection.apply(logEvents(entries, from, to));
      expect({ from, to, a: a.checkpoint(), b: b.checkpoint() }).toEqual({ from, to, a: size, b: size });
    }
    const single = openProjection('single.sqlite').projection;
    single.apply(logEvents(entries, 1, 700));
    for (const projection of [a, b, single]) {
      expect(projection.current().size).toBe(700);
      expect(hex(rootHash(projection.current()))).toBe(hex(reference.root(700)));
    }
    // Every historical root too: a double-applied leaf anywhere would change all roots after it.
    for (const size of [1, 100, 150, 301, 555]) expect(hex(rootHash(b.current(), size))).toBe(hex(reference.root(size)));
  });

  it('two instances in two threads, applying overlapping batches at the same moment, apply every event exactly once', async () => {
    const file = folder.file('raced.sqlite');
    openProjection('raced.sqlite'); // the tables and the referee, made before the race
    const outcomes = await raceProjections({ file, workers: 2, events: 2000, maxBatch: 60 });
    expect(outcomes.flatMap((outcome) => outcome.failures)).toEqual([]);
    // Both applied batches all along, and at least one often found its batch applied by the other.
    expect(outcomes.every((outcome) => outcome.applies > 20)).toBe(true);
    expect(outcomes.reduce((sum, outcome) => sum + outcome.emptyApplies, 0)).toBeGreaterThan(0);
    const { projection } = openProjection('raced.sqlite');
    expect(projection.checkpoint()).toBe(2000);
    expect(hex(rootHash(projection.current()))).toBe(hex(reference.root(2000)));
    for (const size of [1, 256, 257, 1999]) expect(hex(rootHash(projection.current(), size))).toBe(hex(reference.root(size)));
  });

  it('an instance that lags behind answers from the tree as the file has it', () => {
    const a = openProjection().projection;
    const b = openProjection().projection;
    a.apply(logEvents(entries, 1, 10));
    expect(b.current().size).toBe(10);
    a.apply(logEvents(entries, 11, 300));
    expect(hex(rootHash(b.current()))).toBe(hex(reference.root(300)));
  });

  it('throws LogHoleError at a gap in the global positions, keeping the events before it and nothing after', () => {
    const { db, projection } = openProjection();
    projection.apply(logEvents(entries, 1, 10));
    const before = tilesOf(db);

    expect(() => projection.apply(logEvents(entries, 12, 20))).toThrow(expect.objectContaining({ name: 'LogHoleError', missing: 11, found: 12 }));
    expect(() => projection.apply(logEvents(entries, 12, 20))).toThrow(/no event at global position 11 \(the next one is at 12\)/);
    expect(tilesOf(db)).toEqual(before);
    expect(projection.checkpoint()).toBe(10);
    const gapInside = [...logEvents(entries, 11, 12), ...logEvents(entries, 14, 15)];
    expect(() => projection.apply(gapInside)).toThrow(expect.objectContaining({ name: 'LogHoleError', missing: 13, found: 14 }));
    expect(projection.checkpoint()).toBe(12);
    expect(hex(rootHash(projection.current()))).toBe(hex(reference.root(12)));

    // Once the missing event comes, the log goes on as if nothing had happened.
    projection.apply(logEvents(entries, 11, 20));
    expect(hex(rootHash(projection.current()))).toBe(hex(reference.root(20)));
  });

  it('refuses a batch with an event whose hash is not 64 hex digits, and writes nothing of it', () => {
    const { db, projection } = openProjection();
    projection.apply(logEvents(entries, 1, 5));
    const before = tilesOf(db);
    const batch = logEvents(entries, 6, 9).map((event, i) => (i === 2 ? { ...event, hash: event.hash.toUpperCase() } : event));
    expect(() => projection.apply(batch)).toThrow(/64 lowercase hex/);
    expect(tilesOf(db)).toEqual(before);
    expect(projection.checkpoint()).toBe(5);
  });
});

describe('LogTreeProjection.checkAgainst a real SqliteEventStore', () => {
  let folder: TempFolder;
  beforeEach(() => {
    folder = new TempFolder();
  });
  afterEach(() => folder.remove());

  const openProjection = () => {
    const db = openReadModelDatabase(folder.file('read-models.sqlite'));
    folder.onRemove(() => db.open && db.close());
    const projection = new LogTreeProjection(new SqliteTileStore(db));
    refereeAppendOnly(db);
    return projection;
  };
  /** The root of the events as they are in the store now (their hashes, in global order). */
  const storeRoot = (raw: Database.Database) => new ReferenceTree(eventRows(raw).map((row) => unhex(row.hash))).root();

  it('finds nothing to do on an empty tree, or a tree that matches the store', async () => {
    const { store, raw } = await openEventStoreOnDisk(folder, 30);
    const projection = openProjection();
    expect(await projection.checkAgainst(store)).toEqual({ rebuilt: false, size: 0 });
    projection.apply(await allEncoded(store));
    expect(await projection.checkAgainst(store)).toEqual({ rebuilt: false, size: 30 });
    expect(hex(rootHash(projection.current()))).toBe(hex(storeRoot(raw)));
    // Events the tree has not reached yet are no reason either.
    await store.append('story-kyiv', [{ type: 'NoteAdded', data: { n: 31 }, metadata: {} }], { expectedRevision: 'any' });
    expect(await projection.checkAgainst(store)).toEqual({ rebuilt: false, size: 30 });
  });

  it("rebuilds, saying why, when the store's newest events were deleted", async () => {
    const { store, raw } = await openEventStoreOnDisk(folder, 30);
    const projection = openProjection();
    projection.apply(await allEncoded(store));
    tamper.deleteFrom(raw, 28);

    expect(await projection.checkAgainst(store)).toEqual({ rebuilt: true, reason: 'the event store no longer holds an event at position 30', size: 30 });
    expect(projection.checkpoint()).toBe(0);
    expect(projection.current().size).toBe(0);
    // Built again from the store as it now is: the log of its 27 events.
    projection.apply(await allEncoded(store));
    expect(projection.checkpoint()).toBe(27);
    expect(hex(rootHash(projection.current()))).toBe(hex(storeRoot(raw)));
    expect(await projection.checkAgainst(store)).toEqual({ rebuilt: false, size: 27 });
  });

  it('rebuilds when the event at its last position is gone even though later ones remain', async () => {
    const { store, raw } = await openEventStoreOnDisk(folder, 30);
    const projection = openProjection();
    projection.apply((await allEncoded(store)).slice(0, 25));
    raw.prepare('DELETE FROM events WHERE global_position = 25').run();
    expect(await projection.checkAgainst(store)).toEqual({ rebuilt: true, reason: 'the event store no longer holds an event at position 25', size: 25 });
    // The hole stays a hole: the events before it are applied, and the tree never goes past it (it
    // never closes the gap).
    const rows = allEncodedSync(eventRows(raw));
    expect(() => projection.apply(rows)).toThrow(expect.objectContaining({ name: 'LogHoleError', missing: 25, found: 26 }));
    expect(projection.checkpoint()).toBe(24);
    expect(() => projection.apply(rows)).toThrow(expect.objectContaining({ name: 'LogHoleError', missing: 25, found: 26 }));
    expect(projection.checkpoint()).toBe(24);
  });

  it("rebuilds, saying why, when the last event's hash was changed", async () => {
    const { store, raw } = await openEventStoreOnDisk(folder, 30);
    const projection = openProjection();
    projection.apply(await allEncoded(store));
    const builtOn = rootHash(projection.current());
    tamper.setHash(raw, 30, 'f'.repeat(64));

    expect(await projection.checkAgainst(store)).toEqual({ rebuilt: true, reason: 'the event at position 30 is not the one the log was built from', size: 30 });
    projection.apply(await allEncoded(store));
    expect(hex(rootHash(projection.current()))).toBe(hex(storeRoot(raw)));
    expect(rootHash(projection.current()).equals(builtOn)).toBe(false);
  });

  it('a rebuild by one instance is seen by another on the same file, even when it ends at the same size', async () => {
    const { store, raw } = await openEventStoreOnDisk(folder, 30);
    const a = openProjection();
    const b = openProjection();
    a.apply(await allEncoded(store));
    expect(a.current().size).toBe(30);
    tamper.setHash(raw, 30, 'e'.repeat(64));

    // b starts again, finds the tree no longer matches the store, and builds it again in one batch.
    expect(await b.checkAgainst(store)).toMatchObject({ rebuilt: true });
    b.apply(await allEncoded(store));
    expect(hex(rootHash(b.current()))).toBe(hex(storeRoot(raw)));

    // a must answer from the rebuilt tree, not from the one it held in memory...
    expect(hex(rootHash(a.current()))).toBe(hex(storeRoot(raw)));
    // ...and must not write its old leaves back into the file when the next event comes.
    await store.append('story-kyiv', [{ type: 'NoteAdded', data: { n: 31 }, metadata: {} }], { expectedRevision: 'any' });
    a.apply(await allEncoded(store));
    expect(hex(rootHash(openProjection().current()))).toBe(hex(storeRoot(raw)));
    expect(hex(rootHash(b.current()))).toBe(hex(storeRoot(raw)));
  });

  it('leaves a change deeper in the store to readLog, which reads every event (as documented)', async () => {
    const { store, raw } = await openEventStoreOnDisk(folder, 30);
    const projection = openProjection();
    projection.apply(await allEncoded(store));
    tamper.editData(raw, 12, { n: 12, text: 'Something else' });
    expect(await projection.checkAgainst(store)).toEqual({ rebuilt: false, size: 30 });
    expect((await readLog(store)).problem).toMatch(/global position 12 .* does not match its own hash/);
  });
});

/** Rows of the events table as the encoded events the projection takes (hash and position are what count). */
function allEncodedSync(rows: ReturnType<typeof eventRows>) {
  return rows.map((row) => ({ streamId: row.stream_id, revision: row.revision, globalPosition: row.global_position, type: row.type, data: row.data, metadata: row.metadata, hash: row.hash, previousHash: row.previous_hash }));
}
