import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { Global, Inject, Module, type OnApplicationShutdown } from '@nestjs/common';
import { InMemoryEventStore, openSqliteEventStore, type EventStore } from '@story-tracker/event-store';
import { AppConfig } from '../config/app-config';
import { EVENT_STORE } from './event-store.tokens';

/** The event store the configuration names: the embedded SQLite file by default. */
export function openEventStore(config: AppConfig): EventStore {
  switch (config.EVENT_STORE) {
    case 'sqlite':
      mkdirSync(config.DATA_DIR, { recursive: true });
      return openSqliteEventStore({ file: join(config.DATA_DIR, 'events.sqlite') });
    case 'memory':
      return new InMemoryEventStore();
    case 'kurrentdb':
      throw new Error('EVENT_STORE=kurrentdb: the KurrentDB adapter is not part of this build yet; use sqlite');
  }
}

@Global()
@Module({
  providers: [{ provide: EVENT_STORE, inject: [AppConfig], useFactory: openEventStore }],
  exports: [EVENT_STORE],
})
export class EventStoreModule implements OnApplicationShutdown {
  constructor(@Inject(EVENT_STORE) private readonly store: EventStore) {}

  /** After the read models stopped following it: the file is checkpointed and closed cleanly. */
  async onApplicationShutdown(): Promise<void> {
    await this.store.close();
  }
}
