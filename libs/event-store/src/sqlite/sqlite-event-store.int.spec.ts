import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describeEventStoreContract, describeSnapshotStoreContract } from '../contract';
import type { EventStore } from '../event-store.port';
import { openSqliteEventStore } from './sqlite-event-store';

describeEventStoreContract(
  'SqliteEventStore',
  async () => {
    const folder = mkdtempSync(join(tmpdir(), 'event-store-contract-'));
    const file = join(folder, 'events.sqlite');
    const opened: EventStore[] = [openSqliteEventStore({ file })];
    return {
      store: opened[0]!,
      reopen: async () => {
        const store = openSqliteEventStore({ file });
        opened.push(store);
        return store;
      },
      another: async () => {
        const store = openSqliteEventStore({ file });
        opened.push(store);
        return store;
      },
      cleanup: async () => {
        // close() is idempotent, so stores the contract already closed are fine here.
        for (const store of opened) await store.close();
        rmSync(folder, { recursive: true, force: true });
      },
    };
  },
  { durable: true, shared: true },
);

// Two connections to one file are two instances; `reopen` opens the file again after the first closed.
describeSnapshotStoreContract('SqliteSnapshotStore', async () => {
  const folder = mkdtempSync(join(tmpdir(), 'snapshot-contract-'));
  const file = join(folder, 'events.sqlite');
  const opened = [openSqliteEventStore({ file })];
  const open = async () => {
    const store = openSqliteEventStore({ file });
    opened.push(store);
    return store.snapshots;
  };
  return {
    snapshots: opened[0]!.snapshots,
    another: open,
    reopen: open,
    close: () => opened[0]!.close(),
    cleanup: async () => {
      for (const store of opened) await store.close();
      rmSync(folder, { recursive: true, force: true });
    },
  };
});
