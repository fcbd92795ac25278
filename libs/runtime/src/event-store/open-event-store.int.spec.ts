import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { EventStoreUnavailableError, InMemoryEventStore, SqliteEventStore } from '@story-tracker/event-store';
import { loadConfig } from '../config/app-config';
import { openEventStore } from './event-store.module';

describe('openEventStore', () => {
  it('opens the store EVENT_STORE names', async () => {
    const dataDir = mkdtempSync(join(tmpdir(), 'open-store-'));
    try {
      const sqlite = await openEventStore(loadConfig({ DATA_DIR: dataDir }));
      expect(sqlite).toBeInstanceOf(SqliteEventStore);
      await sqlite.close();
      const memory = await openEventStore(loadConfig({ EVENT_STORE: 'memory' }));
      expect(memory).toBeInstanceOf(InMemoryEventStore);
    } finally {
      rmSync(dataDir, { recursive: true, force: true });
    }
  });

  it('opens the KurrentDB adapter, loaded on demand, for EVENT_STORE=kurrentdb: a server that does not answer stops the start as unavailable', async () => {
    const config = loadConfig({
      EVENT_STORE: 'kurrentdb',
      KURRENTDB_CONNECTION_STRING: 'kurrentdb://127.0.0.1:1?tls=false&defaultDeadline=2000&discoveryInterval=50&maxDiscoverAttempts=2',
    });
    await expect(openEventStore(config)).rejects.toBeInstanceOf(EventStoreUnavailableError);
  }, 20_000);
});
