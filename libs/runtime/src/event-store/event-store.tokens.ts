/** Injection token of the `EventStore` port. */
export const EVENT_STORE = Symbol('EventStore');

/** Injection token of the `SnapshotStore` port: the snapshots kept beside the configured store's events. */
export const SNAPSHOT_STORE = Symbol('SnapshotStore');
