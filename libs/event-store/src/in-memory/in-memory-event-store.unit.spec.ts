import { describeEventStoreContract } from '../contract';
import { InMemoryEventStore } from './in-memory-event-store';

// Not durable: nothing outlives the instance, so the reopen cases are not run for it.
describeEventStoreContract(
  'InMemoryEventStore',
  async () => {
    const store = new InMemoryEventStore();
    return { store, cleanup: () => store.close() };
  },
  { durable: false },
);
