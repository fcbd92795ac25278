import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { Global, Inject, Module, type OnApplicationShutdown } from '@nestjs/common';
import { InMemoryEventStore, NoSnapshotStore, openPostgresEventStore, openSqliteEventStore, snapshotsOf, type EventStore, type SnapshotStore } from '@story-tracker/event-store';
import { AppConfig } from '../config/app-config';
import { EVENT_STORE, SNAPSHOT_STORE } from './event-store.tokens';

/**
 * The event store the configuration names: the embedded SQLite file by default. PostgreSQL runs its
 * migrations before the store is handed out (under a lock, so instances starting together are fine);
 * KurrentDB (25.1+) is checked with one read of its log; a server that cannot be reached stops the start with EventStoreUnavailableError, whose message
 * names what failed and never the URL.
 */
export async function openEventStore(config: AppConfig): Promise<EventStore> {
  switch (config.EVENT_STORE) {
    case 'sqlite':
      mkdirSync(config.DATA_DIR, { recursive: true });
      return openSqliteEventStore({ file: join(config.DATA_DIR, 'events.sqlite') });
    case 'postgres':
      // loadConfig has checked that the URL is there and well formed.
      return openPostgresEventStore({ connectionString: config.POSTGRES_URL!, preparedStatements: config.POSTGRES_PREPARED_STATEMENTS });
    case 'memory':
      return new InMemoryEventStore();
    case 'kurrentdb':
      // loadConfig has checked the connection string; the first read of the log proves the server
      // answers (a node or cluster that cannot be reached stops the start with EventStoreUnavailableError).
      // Loaded here, not at start-up of every process: see @story-tracker/event-store/kurrentdb.
      return (await import('@story-tracker/event-store/kurrentdb')).openKurrentDbEventStore({ connectionString: config.KURRENTDB_CONNECTION_STRING! });
  }
}

/**
 * The snapshots kept beside the store's events: the `snapshots` table of the SQLite file or of the
 * PostgreSQL database, a map beside the in-memory store. KurrentDB keeps none yet (every fold starts
 * at the first event there). Closed with the store.
 */
export function openSnapshotStore(store: EventStore): SnapshotStore {
  return snapshotsOf(store) ?? new NoSnapshotStore();
}

@Global()
@Module({
  providers: [
    { provide: EVENT_STORE, inject: [AppConfig], useFactory: openEventStore },
    { provide: SNAPSHOT_STORE, inject: [EVENT_STORE], useFactory: openSnapshotStore },
  ],
  exports: [EVENT_STORE, SNAPSHOT_STORE],
})
export class EventStoreModule implements OnApplicationShutdown {
  constructor(@Inject(EVENT_STORE) private readonly store: EventStore) {}

  /** After the read models stopped following it: the file is checkpointed and closed cleanly (SQLite), the pool ended (PostgreSQL). */
  async onApplicationShutdown(): Promise<void> {
    await this.store.close();
  }
}
