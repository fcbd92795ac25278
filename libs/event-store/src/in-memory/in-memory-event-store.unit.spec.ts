import { describeEventStoreContract } from '../contract';
import { InMemoryEventStore } from './in-memory-event-store';

describeEventStoreContract('InMemoryEventStore', async () => {
  const store = new InMemoryEventStore();
  // No reopen: nothing outlives the instance.
  return { store, cleanup: () => store.close() };
});
