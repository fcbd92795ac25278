import type { NewSnapshot, Snapshot, SnapshotMark, SnapshotStore } from './snapshot-store.port';

/** For a store that keeps no snapshots (KurrentDB, for now): nothing is kept, so every fold starts at the beginning. */
export class NoSnapshotStore implements SnapshotStore {
  async save(_snapshot: NewSnapshot): Promise<void> {}
  async nearest(_streamId: string, _atOrBefore: number, _codeVersion: string): Promise<Snapshot | undefined> {
    return undefined;
  }
  async marks(_streamId: string, _codeVersion: string): Promise<SnapshotMark[]> {
    return [];
  }
  async dropStates(_streamId: string, _codeVersion: string, _revisions: readonly number[]): Promise<void> {}
  async remove(_streamId: string, _codeVersion: string, _revisions: readonly number[]): Promise<void> {}
  async forget(_streamId: string): Promise<void> {}
}
