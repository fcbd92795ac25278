import type Database from 'better-sqlite3';
import { assertNewSnapshot, type NewSnapshot, type Snapshot, type SnapshotMark, type SnapshotStore } from '../snapshots/snapshot-store.port';

interface MarkRow {
  revision: number;
  event_hash: string;
  recorded_at: number;
  has_state: number;
}

/**
 * Snapshots in the `snapshots` table of the event store's own SQLite file, on the store's connection
 * (schema migration 2). The unique (stream, code version, revision) makes two writers of the same
 * snapshot harmless: the second insert does nothing, or fills a state a mark lacked.
 */
export class SqliteSnapshotStore implements SnapshotStore {
  private readonly insert: Database.Statement<[string, string, number, string, number, Buffer | null]>;
  private readonly nearestRow: Database.Statement<[string, string, number], MarkRow & { state: Buffer }>;
  private readonly markRows: Database.Statement<[string, string], MarkRow>;
  private readonly dropState: Database.Statement<[string, string, number]>;
  private readonly removeRow: Database.Statement<[string, string, number]>;
  private readonly forgetStream: Database.Statement<[string]>;

  constructor(
    private readonly db: Database.Database,
    private readonly assertOpen: () => void,
  ) {
    this.insert = db.prepare(
      `INSERT INTO snapshots (stream_id, code_version, revision, event_hash, recorded_at, state) VALUES (?, ?, ?, ?, ?, ?)
       ON CONFLICT (stream_id, code_version, revision) DO UPDATE SET state = excluded.state
       WHERE snapshots.state IS NULL AND excluded.state IS NOT NULL AND snapshots.event_hash = excluded.event_hash`,
    );
    this.nearestRow = db.prepare(
      `SELECT revision, event_hash, recorded_at, 1 AS has_state, state FROM snapshots
       WHERE stream_id = ? AND code_version = ? AND revision <= ? AND state IS NOT NULL ORDER BY revision DESC LIMIT 1`,
    );
    this.markRows = db.prepare(
      `SELECT revision, event_hash, recorded_at, typeof(state) = 'blob' AS has_state FROM snapshots
       WHERE stream_id = ? AND code_version = ? ORDER BY revision`,
    );
    this.dropState = db.prepare('UPDATE snapshots SET state = NULL WHERE stream_id = ? AND code_version = ? AND revision = ?');
    this.removeRow = db.prepare('DELETE FROM snapshots WHERE stream_id = ? AND code_version = ? AND revision = ?');
    this.forgetStream = db.prepare('DELETE FROM snapshots WHERE stream_id = ?');
  }

  async save(snapshot: NewSnapshot): Promise<void> {
    this.assertOpen();
    assertNewSnapshot(snapshot);
    const { streamId, codeVersion, revision, eventHash, recordedAt, state } = snapshot;
    const bytes = state ? Buffer.from(state.buffer, state.byteOffset, state.byteLength) : null;
    this.insert.run(streamId, codeVersion, revision, eventHash, recordedAt, bytes);
  }

  async nearest(streamId: string, atOrBefore: number, codeVersion: string): Promise<Snapshot | undefined> {
    this.assertOpen();
    const row = this.nearestRow.get(streamId, codeVersion, Math.floor(atOrBefore));
    if (!row) return undefined;
    return { ...toMark(streamId, codeVersion, row), state: new Uint8Array(row.state.buffer, row.state.byteOffset, row.state.byteLength) };
  }

  async marks(streamId: string, codeVersion: string): Promise<SnapshotMark[]> {
    this.assertOpen();
    return this.markRows.all(streamId, codeVersion).map((row) => toMark(streamId, codeVersion, row));
  }

  async dropStates(streamId: string, codeVersion: string, revisions: readonly number[]): Promise<void> {
    this.assertOpen();
    this.db.transaction(() => {
      for (const revision of revisions) this.dropState.run(streamId, codeVersion, revision);
    })();
  }

  async remove(streamId: string, codeVersion: string, revisions: readonly number[]): Promise<void> {
    this.assertOpen();
    this.db.transaction(() => {
      for (const revision of revisions) this.removeRow.run(streamId, codeVersion, revision);
    })();
  }

  /** On the store's main connection, which runs with secure_delete: the states' bytes are zeroed, and the store empties the WAL after. */
  async forget(streamId: string): Promise<void> {
    this.assertOpen();
    this.forgetStream.run(streamId);
  }
}

function toMark(streamId: string, codeVersion: string, row: MarkRow): SnapshotMark {
  return { streamId, revision: row.revision, codeVersion, eventHash: row.event_hash, recordedAt: row.recorded_at, hasState: row.has_state === 1 };
}
