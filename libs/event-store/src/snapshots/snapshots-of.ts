import type { EventStore } from '../event-store.port';
import type { SnapshotStore } from './snapshot-store.port';

/**
 * The snapshot store kept beside an event store's events (its `snapshots`), or undefined for a store
 * that keeps none: folding from the start is then the only way, and always correct.
 */
export function snapshotsOf(store: EventStore): SnapshotStore | undefined {
  const snapshots = (store as EventStore & { readonly snapshots?: unknown }).snapshots;
  return isSnapshotStore(snapshots) ? snapshots : undefined;
}

function isSnapshotStore(value: unknown): value is SnapshotStore {
  if (typeof value !== 'object' || value === null) return false;
  const candidate = value as Record<string, unknown>;
  return ['save', 'nearest', 'marks', 'dropStates', 'remove'].every((name) => typeof candidate[name] === 'function');
}
