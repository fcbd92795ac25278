import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describeWebhookOutboxContract } from '../contract';
import { openSqliteEventStore, type SqliteEventStore } from '../sqlite/sqlite-event-store';

// Each store is its own connection to the file, as another process would have: `another` opens one
// beside the first, `reopen` one after the first closed.
describeWebhookOutboxContract('SqliteWebhookOutbox', async () => {
  const folder = mkdtempSync(join(tmpdir(), 'outbox-contract-'));
  const file = join(folder, 'events.sqlite');
  const opened: SqliteEventStore[] = [openSqliteEventStore({ file })];
  const open = async () => {
    const store = openSqliteEventStore({ file });
    opened.push(store);
    return store.webhookOutbox;
  };
  return {
    outbox: opened[0]!.webhookOutbox,
    another: open,
    reopen: open,
    close: () => opened[0]!.close(),
    cleanup: async () => {
      for (const store of opened) await store.close();
      rmSync(folder, { recursive: true, force: true });
    },
  };
});
