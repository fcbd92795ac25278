import type Database from 'better-sqlite3';
import { setImmediate as turn } from 'node:timers/promises';
import { assertNewSnapshot, type NewSnapshot, type Snapshot, type SnapshotMark, type SnapshotStore } from '../snapshots/snapshot-store.port';

interface MarkRow {
  revision: number;
  event_hash: string;
  recorded_at: number;
  has_state: number;
}

/**
 * A state larger than this is written in pieces of this size, each in a transaction of its own with
 * a turn of the event loop between them: a whole 10 MB state in one row held the loop (and every
 * request) for 20 to 35 ms on the development machines; a piece takes about half a millisecond.
 */
const PIECE_BYTES = 256 * 1024;

/**
 * Snapshots in the `snapshots` table of the event store's own SQLite file, on the store's connection
 * (schema migrations 2 and 4). The unique (stream, code version, revision) makes two writers of the
 * same snapshot harmless: the second insert does nothing, or fills a state a mark lacked. A large
 * state is in `snapshot_pieces`, and counts as there only once the mark row says how many pieces it
 * has (written last): a write cut short leaves pieces nobody reads, replaced by the next one.
 */
export class SqliteSnapshotStore implements SnapshotStore {
  private readonly insert: Database.Statement<[string, string, number, string, number, Buffer | null]>;
  private readonly insertPieced: Database.Statement<[string, string, number, string, number, number]>;
  private readonly writePiece: Database.Statement<[string, string, number, number, Buffer]>;
  private readonly readPieces: Database.Statement<[string, string, number], { bytes: Buffer }>;
  private readonly listPieces: Database.Statement<[{ streamId: string; codeVersion: string | null; revision: number | null }], { code_version: string; revision: number; piece: number }>;
  private readonly removePiece: Database.Statement<[string, string, number, number]>;
  private readonly nearestRow: Database.Statement<[string, string, number], MarkRow & { state: Buffer | null; pieces: number | null }>;
  private readonly markRows: Database.Statement<[string, string], MarkRow>;
  private readonly dropState: Database.Statement<[string, string, number]>;
  private readonly removeRow: Database.Statement<[string, string, number]>;
  private readonly forgetStream: Database.Statement<[string]>;

  constructor(
    private readonly db: Database.Database,
    private readonly assertOpen: () => void,
    /**
     * Resolves when the store's writer thread holds no write transaction (between its batches): each
     * write here waits for that, so that it finds the write lock free. Taken while a batch committed,
     * SQLite's busy handler slept on this thread (and every request with it) until the batch was done:
     * 9 to 14 ms at a time under appends to one story.
     */
    private readonly betweenBatches: () => Promise<void>,
  ) {
    this.insert = db.prepare(
      `INSERT INTO snapshots (stream_id, code_version, revision, event_hash, recorded_at, state) VALUES (?, ?, ?, ?, ?, ?)
       ON CONFLICT (stream_id, code_version, revision) DO UPDATE SET state = excluded.state
       WHERE snapshots.state IS NULL AND excluded.state IS NOT NULL AND snapshots.event_hash = excluded.event_hash`,
    );
    this.insertPieced = db.prepare(
      `INSERT INTO snapshots (stream_id, code_version, revision, event_hash, recorded_at, pieces) VALUES (?, ?, ?, ?, ?, ?)
       ON CONFLICT (stream_id, code_version, revision) DO UPDATE SET pieces = excluded.pieces
       WHERE snapshots.state IS NULL AND snapshots.pieces IS NULL AND snapshots.event_hash = excluded.event_hash`,
    );
    this.writePiece = db.prepare(
      `INSERT INTO snapshot_pieces (stream_id, code_version, revision, piece, bytes) VALUES (?, ?, ?, ?, ?)
       ON CONFLICT (stream_id, code_version, revision, piece) DO UPDATE SET bytes = excluded.bytes`,
    );
    this.readPieces = db.prepare('SELECT bytes FROM snapshot_pieces WHERE stream_id = ? AND code_version = ? AND revision = ? ORDER BY piece');
    this.listPieces = db.prepare(
      `SELECT code_version, revision, piece FROM snapshot_pieces
       WHERE stream_id = @streamId AND (@codeVersion IS NULL OR code_version = @codeVersion) AND (@revision IS NULL OR revision = @revision)`,
    );
    this.removePiece = db.prepare('DELETE FROM snapshot_pieces WHERE stream_id = ? AND code_version = ? AND revision = ? AND piece = ?');
    this.nearestRow = db.prepare(
      `SELECT revision, event_hash, recorded_at, 1 AS has_state, state, pieces FROM snapshots
       WHERE stream_id = ? AND code_version = ? AND revision <= ? AND (state IS NOT NULL OR pieces IS NOT NULL) ORDER BY revision DESC LIMIT 1`,
    );
    this.markRows = db.prepare(
      `SELECT revision, event_hash, recorded_at, (state IS NOT NULL OR pieces IS NOT NULL) AS has_state FROM snapshots
       WHERE stream_id = ? AND code_version = ? ORDER BY revision`,
    );
    this.dropState = db.prepare('UPDATE snapshots SET state = NULL, pieces = NULL WHERE stream_id = ? AND code_version = ? AND revision = ?');
    this.removeRow = db.prepare('DELETE FROM snapshots WHERE stream_id = ? AND code_version = ? AND revision = ?');
    this.forgetStream = db.prepare('DELETE FROM snapshots WHERE stream_id = ?');
  }

  async save(snapshot: NewSnapshot): Promise<void> {
    this.assertOpen();
    assertNewSnapshot(snapshot);
    const { streamId, codeVersion, revision, eventHash, recordedAt, state } = snapshot;
    const bytes = state ? Buffer.from(state.buffer, state.byteOffset, state.byteLength) : null;
    if (!bytes || bytes.length <= PIECE_BYTES) {
      await this.betweenBatches();
      this.assertOpen();
      this.insert.run(streamId, codeVersion, revision, eventHash, recordedAt, bytes);
      return;
    }
    const pieces = Math.ceil(bytes.length / PIECE_BYTES);
    for (let piece = 0; piece < pieces; piece++) {
      if (piece > 0) await turn();
      await this.betweenBatches();
      this.assertOpen();
      // Without an fsync of its own: the mark's commit, last, makes the WAL durable with every piece in it.
      this.db.pragma('synchronous = NORMAL');
      try {
        this.writePiece.run(streamId, codeVersion, revision, piece, bytes.subarray(piece * PIECE_BYTES, (piece + 1) * PIECE_BYTES));
      } finally {
        this.db.pragma('synchronous = FULL');
      }
    }
    await this.betweenBatches();
    this.assertOpen();
    this.insertPieced.run(streamId, codeVersion, revision, eventHash, recordedAt, pieces);
  }

  async nearest(streamId: string, atOrBefore: number, codeVersion: string): Promise<Snapshot | undefined> {
    this.assertOpen();
    const row = this.nearestRow.get(streamId, codeVersion, Math.floor(atOrBefore));
    if (!row) return undefined;
    const state = row.state ? [row.state] : this.piecesOf(streamId, codeVersion, row.revision, row.pieces!);
    if (!state) return undefined;
    return { ...toMark(streamId, codeVersion, row), state: state.map((bytes) => new Uint8Array(bytes.buffer, bytes.byteOffset, bytes.byteLength)) };
  }

  async marks(streamId: string, codeVersion: string): Promise<SnapshotMark[]> {
    this.assertOpen();
    return this.markRows.all(streamId, codeVersion).map((row) => toMark(streamId, codeVersion, row));
  }

  async dropStates(streamId: string, codeVersion: string, revisions: readonly number[]): Promise<void> {
    this.assertOpen();
    await this.betweenBatches();
    this.assertOpen();
    this.db.transaction(() => {
      for (const revision of revisions) this.dropState.run(streamId, codeVersion, revision);
    })();
    for (const revision of revisions) await this.removePieces(streamId, codeVersion, revision);
  }

  async remove(streamId: string, codeVersion: string, revisions: readonly number[]): Promise<void> {
    this.assertOpen();
    this.db.transaction(() => {
      for (const revision of revisions) this.removeRow.run(streamId, codeVersion, revision);
    })();
    for (const revision of revisions) await this.removePieces(streamId, codeVersion, revision);
  }

  /** On the store's main connection, which runs with secure_delete: the states' bytes are zeroed, and the store empties the WAL after. */
  async forget(streamId: string): Promise<void> {
    this.assertOpen();
    this.forgetStream.run(streamId);
    await this.removePieces(streamId);
  }

  /**
   * Deletes the pieces of the stream's states (of one version and revision, or all), one a transaction
   * with a turn of the event loop between: each is zeroed on disk (secure_delete), 256 KiB of writes.
   * Their marks are gone or say no state by then, so no reader asks for them meanwhile.
   */
  private async removePieces(streamId: string, codeVersion?: string, revision?: number): Promise<void> {
    const pieces = this.listPieces.all({ streamId, codeVersion: codeVersion ?? null, revision: revision ?? null });
    for (const [index, { code_version, revision: at, piece }] of pieces.entries()) {
      if (index > 0) await turn();
      await this.betweenBatches();
      this.assertOpen();
      this.removePiece.run(streamId, code_version, at, piece);
    }
  }

  /**
   * A state kept in pieces, every one of them, in order (not joined: 30 MiB and more for a long story,
   * which the reader takes as they are); undefined when some are missing (removed since the mark was read).
   */
  private piecesOf(streamId: string, codeVersion: string, revision: number, pieces: number): Buffer[] | undefined {
    const rows = this.readPieces.all(streamId, codeVersion, revision);
    return rows.length === pieces ? rows.map((row) => row.bytes) : undefined;
  }
}

function toMark(streamId: string, codeVersion: string, row: MarkRow): SnapshotMark {
  return { streamId, revision: row.revision, codeVersion, eventHash: row.event_hash, recordedAt: row.recorded_at, hasState: row.has_state === 1 };
}
