import { describeWebhookOutboxContract } from '../contract';
import { openPostgresEventStore, type PostgresEventStore } from '../postgres/postgres-event-store';
import { describeWithPostgres } from '../postgres/testing/describe-with-postgres';

// One throwaway cluster for the file, a fresh database for each test; `another` is a second pool on it.
describeWithPostgres('PostgreSQL webhook outbox', (cluster) => {
  describeWebhookOutboxContract('PostgresWebhookOutbox', async () => {
    const connectionString = await cluster().createDatabase();
    const opened: PostgresEventStore[] = [];
    const open = async () => {
      const store = await openPostgresEventStore({ connectionString });
      opened.push(store);
      return store;
    };
    const first = await open();
    return {
      outbox: first.webhookOutbox,
      another: async () => (await open()).webhookOutbox,
      reopen: async () => (await open()).webhookOutbox,
      close: () => first.close(),
      cleanup: async () => {
        for (const store of opened) await store.close();
      },
    };
  });
});
