import type { Pool, QueryResultRow } from 'pg';
import { assertNewSnapshot, type NewSnapshot, type Snapshot, type SnapshotMark, type SnapshotStore } from '../snapshots/snapshot-store.port';
import { fixedStatement, toQuery, type FixedStatement } from './fixed-statement';
import { toUnavailable } from './postgres-errors';

interface MarkRow {
  revision: number;
  event_hash: string;
  recorded_at: number;
  has_state: boolean;
}

const SAVE = fixedStatement(
  'snapshot-save',
  `INSERT INTO snapshots (stream_id, code_version, revision, event_hash, recorded_at, state) VALUES ($1, $2, $3, $4, $5, $6)
  ON CONFLICT (stream_id, code_version, revision) DO UPDATE SET state = excluded.state
  WHERE snapshots.state IS NULL AND excluded.state IS NOT NULL AND snapshots.event_hash = excluded.event_hash`,
);
const NEAREST = fixedStatement(
  'snapshot-nearest',
  `SELECT revision, event_hash, recorded_at, true AS has_state, state FROM snapshots
  WHERE stream_id = $1 AND code_version = $2 AND revision <= $3 AND state IS NOT NULL ORDER BY revision DESC LIMIT 1`,
);
const MARKS = fixedStatement(
  'snapshot-marks',
  `SELECT revision, event_hash, recorded_at, state IS NOT NULL AS has_state FROM snapshots
  WHERE stream_id = $1 AND code_version = $2 ORDER BY revision`,
);
const DROP_STATES = fixedStatement('snapshot-drop-states', 'UPDATE snapshots SET state = NULL WHERE stream_id = $1 AND code_version = $2 AND revision = ANY($3::integer[])');
const REMOVE = fixedStatement('snapshot-remove', 'DELETE FROM snapshots WHERE stream_id = $1 AND code_version = $2 AND revision = ANY($3::integer[])');

/**
 * Snapshots in the `snapshots` table of the event store's database (migration 2), on the store's pool.
 * The primary key (stream, code version, revision) makes racing writers of one snapshot harmless:
 * `ON CONFLICT` keeps the first, or fills the state a mark lacked.
 */
export class PostgresSnapshotStore implements SnapshotStore {
  constructor(
    private readonly pool: Pool,
    private readonly assertOpen: () => void,
    /** Whether fixed statements are prepared (see fixed-statement.ts). */
    private readonly prepare = true,
  ) {}

  async save(snapshot: NewSnapshot): Promise<void> {
    assertNewSnapshot(snapshot);
    const { streamId, codeVersion, revision, eventHash, recordedAt, state } = snapshot;
    const bytes = state ? Buffer.from(state.buffer, state.byteOffset, state.byteLength) : null;
    await this.query(SAVE, [streamId, codeVersion, revision, eventHash, recordedAt, bytes], 'saving a snapshot');
  }

  async nearest(streamId: string, atOrBefore: number, codeVersion: string): Promise<Snapshot | undefined> {
    const [row] = await this.query<MarkRow & { state: Buffer }>(NEAREST, [streamId, codeVersion, Math.floor(atOrBefore)], 'reading a snapshot');
    if (!row) return undefined;
    return { ...toMark(streamId, codeVersion, row), state: [new Uint8Array(row.state.buffer, row.state.byteOffset, row.state.byteLength)] };
  }

  async marks(streamId: string, codeVersion: string): Promise<SnapshotMark[]> {
    return (await this.query<MarkRow>(MARKS, [streamId, codeVersion], 'listing snapshots')).map((row) => toMark(streamId, codeVersion, row));
  }

  async dropStates(streamId: string, codeVersion: string, revisions: readonly number[]): Promise<void> {
    if (revisions.length > 0) await this.query(DROP_STATES, [streamId, codeVersion, [...revisions]], 'pruning snapshots');
  }

  async remove(streamId: string, codeVersion: string, revisions: readonly number[]): Promise<void> {
    if (revisions.length > 0) await this.query(REMOVE, [streamId, codeVersion, [...revisions]], 'removing snapshots');
  }

  async forget(streamId: string): Promise<void> {
    await this.query('DELETE FROM snapshots WHERE stream_id = $1', [streamId], 'forgetting snapshots');
    // The deleted row versions, states included, are removed, not only dead.
    await this.query('VACUUM snapshots', [], 'vacuuming snapshots');
  }

  private async query<T extends QueryResultRow>(statement: FixedStatement | string, values: unknown[], doing: string): Promise<T[]> {
    this.assertOpen();
    try {
      return (await this.pool.query<T>(toQuery(statement, values, this.prepare))).rows;
    } catch (error) {
      throw toUnavailable(error, doing);
    }
  }
}

function toMark(streamId: string, codeVersion: string, row: MarkRow): SnapshotMark {
  return { streamId, revision: row.revision, codeVersion, eventHash: row.event_hash, recordedAt: Number(row.recorded_at), hasState: row.has_state };
}
