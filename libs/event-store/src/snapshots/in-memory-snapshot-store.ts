import { assertNewSnapshot, type NewSnapshot, type Snapshot, type SnapshotMark, type SnapshotStore } from './snapshot-store.port';

interface Row {
  mark: Omit<SnapshotMark, 'hasState'>;
  state?: Uint8Array;
}

/** Snapshots held in memory, for the in-memory event store and unit tests; hands out copies only. */
export class InMemorySnapshotStore implements SnapshotStore {
  private readonly rows = new Map<string, Map<number, Row>>();

  async save(snapshot: NewSnapshot): Promise<void> {
    assertNewSnapshot(snapshot);
    const rows = this.rowsOf(snapshot.streamId, snapshot.codeVersion, true)!;
    const kept = rows.get(snapshot.revision);
    const state = snapshot.state && Uint8Array.from(snapshot.state);
    if (!kept) {
      const { streamId, revision, codeVersion, eventHash, recordedAt } = snapshot;
      rows.set(revision, { mark: { streamId, revision, codeVersion, eventHash, recordedAt }, ...(state && { state }) });
    } else if (!kept.state && state && kept.mark.eventHash === snapshot.eventHash) {
      kept.state = state;
    }
  }

  async nearest(streamId: string, atOrBefore: number, codeVersion: string): Promise<Snapshot | undefined> {
    let best: Row | undefined;
    for (const row of this.rowsOf(streamId, codeVersion)?.values() ?? []) {
      if (row.state && row.mark.revision <= atOrBefore && (!best || row.mark.revision > best.mark.revision)) best = row;
    }
    return best && { ...best.mark, hasState: true, state: [Uint8Array.from(best.state!)] };
  }

  async marks(streamId: string, codeVersion: string): Promise<SnapshotMark[]> {
    return [...(this.rowsOf(streamId, codeVersion)?.values() ?? [])]
      .map((row) => ({ ...row.mark, hasState: row.state !== undefined }))
      .sort((a, b) => a.revision - b.revision);
  }

  async dropStates(streamId: string, codeVersion: string, revisions: readonly number[]): Promise<void> {
    const rows = this.rowsOf(streamId, codeVersion);
    for (const revision of revisions) delete rows?.get(revision)?.state;
  }

  async remove(streamId: string, codeVersion: string, revisions: readonly number[]): Promise<void> {
    const rows = this.rowsOf(streamId, codeVersion);
    for (const revision of revisions) rows?.delete(revision);
  }

  async forget(streamId: string): Promise<void> {
    for (const key of [...this.rows.keys()]) if ((JSON.parse(key) as [string, string])[0] === streamId) this.rows.delete(key);
  }

  private rowsOf(streamId: string, codeVersion: string, create = false): Map<number, Row> | undefined {
    const key = JSON.stringify([streamId, codeVersion]);
    let rows = this.rows.get(key);
    if (!rows && create) this.rows.set(key, (rows = new Map()));
    return rows;
  }
}
