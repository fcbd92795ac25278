import { describeEventStoreContract, describeSnapshotStoreContract } from '../contract';
import { InMemoryEventStore } from './in-memory-event-store';

// Neither durable nor shared: nothing outlives the instance or reaches another, so the reopen and
// cross-instance cases are not run for it.
describeEventStoreContract(
  'InMemoryEventStore',
  async () => {
    const store = new InMemoryEventStore();
    return { store, cleanup: () => store.close() };
  },
  { durable: false, shared: false },
);

describeSnapshotStoreContract('InMemorySnapshotStore', async () => {
  const store = new InMemoryEventStore();
  return { snapshots: store.snapshots, cleanup: () => store.close() };
});
