import { describeEventStoreContract, describeSnapshotStoreContract } from '../contract';
import type { EventStore } from '../event-store.port';
import { openPostgresEventStore, type PostgresEventStore } from './postgres-event-store';
import { describeWithPostgres } from './testing/describe-with-postgres';

// One throwaway cluster for the file, a fresh database for each test. `reopen` is a new pool on the
// same database after the first was closed; `another` a second pool open beside it.
describeWithPostgres('PostgreSQL', (cluster) => {
  describeEventStoreContract(
    'PostgresEventStore',
    async () => {
      const connectionString = await cluster().createDatabase();
      const opened: EventStore[] = [];
      const open = async () => {
        const store = await openPostgresEventStore({ connectionString });
        opened.push(store);
        return store;
      };
      return {
        store: await open(),
        reopen: open,
        another: open,
        cleanup: async () => {
          // close() is idempotent, so stores the contract already closed are fine here.
          for (const store of opened) await store.close();
        },
      };
    },
    { durable: true, shared: true },
  );

  describeSnapshotStoreContract('PostgresSnapshotStore', async () => {
    const connectionString = await cluster().createDatabase();
    const opened: PostgresEventStore[] = [];
    const open = async () => {
      const store = await openPostgresEventStore({ connectionString });
      opened.push(store);
      return store;
    };
    const first = await open();
    return {
      snapshots: first.snapshots,
      another: async () => (await open()).snapshots,
      reopen: async () => (await open()).snapshots,
      close: () => first.close(),
      cleanup: async () => {
        for (const store of opened) await store.close();
      },
    };
  });
});
