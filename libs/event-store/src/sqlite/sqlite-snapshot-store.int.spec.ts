import { openSqliteEventStore } from './sqlite-event-store';
import { SqliteSnapshotStore } from './sqlite-snapshot-store';
import { TempDatabase } from './testing/temp-database';

/**
 * The snapshot store writes only between the writer thread's batches (betweenBatches), so that its
 * statements find the write lock free instead of sleeping in SQLite's busy handler on the event loop.
 */
describe('SqliteSnapshotStore writing between batches', () => {
  let temp: TempDatabase;
  beforeEach(() => {
    temp = new TempDatabase();
  });
  afterEach(() => temp.remove());

  it.each([
    ['a state in one row', 1000],
    ['a state in pieces', 600 * 1024],
  ])('writes nothing of %s until no batch is being committed', async (_, size) => {
    const store = openSqliteEventStore({ file: temp.file });
    temp.onRemove(() => store.close());
    const db = temp.rawConnection();
    let open!: () => void;
    let asked = 0;
    const gate = new Promise<void>((resolve) => (open = resolve));
    const snapshots = new SqliteSnapshotStore(db, () => undefined, () => (asked++, gate));
    const rows = () => db.prepare('SELECT (SELECT count(*) FROM snapshots) + (SELECT count(*) FROM snapshot_pieces) AS n').get() as { n: number };

    const saved = snapshots.save({ streamId: 'story-1', codeVersion: 'v1', revision: 1000, eventHash: 'h', recordedAt: 1, state: new Uint8Array(size).fill(7) });
    await new Promise((resolve) => setImmediate(resolve));
    expect(asked).toBe(1);
    expect(rows().n).toBe(0);
    open();
    await saved;

    const found = await snapshots.nearest('story-1', 1000, 'v1');
    expect(Buffer.concat(found!.state)).toEqual(Buffer.alloc(size, 7));
    expect(asked).toBeGreaterThanOrEqual(size > 256 * 1024 ? 4 : 1);
  });
});
