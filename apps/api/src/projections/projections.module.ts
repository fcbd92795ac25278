import { join } from 'node:path';
import { Global, Inject, Logger, Module, type OnApplicationBootstrap, type OnModuleDestroy } from '@nestjs/common';
import type { EventStore } from '@story-tracker/event-store';
import { openReadModelDatabase, ProjectionRunner, StoryListProjection, StoryListQuery } from '@story-tracker/projections';
import type Database from 'better-sqlite3';
import { AppConfig, EVENT_STORE } from '@story-tracker/runtime';

/** The read-model database (SQLite in DATA_DIR), for read models kept by other modules (the verifiable log's tiles). */
export const READ_MODEL_DB = Symbol('ReadModelDatabase');

/** The read models (the story list), fed from the event store by a checkpointed runner. */
@Global()
@Module({
  providers: [
    {
      provide: READ_MODEL_DB,
      inject: [AppConfig],
      // With the in-memory store the events vanish on exit, so the read models may as well.
      useFactory: (config: AppConfig) => openReadModelDatabase(config.EVENT_STORE === 'memory' ? ':memory:' : join(config.DATA_DIR, 'read-models.sqlite')),
    },
    { provide: StoryListProjection, inject: [READ_MODEL_DB], useFactory: (db: Database.Database) => new StoryListProjection(db) },
    { provide: StoryListQuery, inject: [READ_MODEL_DB], useFactory: (db: Database.Database) => new StoryListQuery(db) },
    {
      provide: ProjectionRunner,
      inject: [EVENT_STORE, StoryListProjection],
      useFactory: (store: EventStore, storyList: StoryListProjection) => {
        const logger = new Logger('Projections');
        return new ProjectionRunner(store, [storyList], {
          onError: (error) => logger.error({ err: error }, 'A projection failed; it will retry on the next append'),
          log: { info: (fields, message) => logger.log(fields, message) },
        });
      },
    },
  ],
  exports: [ProjectionRunner, StoryListQuery, READ_MODEL_DB],
})
export class ProjectionsModule implements OnApplicationBootstrap, OnModuleDestroy {
  constructor(
    private readonly runner: ProjectionRunner,
    @Inject(READ_MODEL_DB) private readonly db: Database.Database,
  ) {}

  async onApplicationBootstrap(): Promise<void> {
    await this.runner.start();
  }

  async onModuleDestroy(): Promise<void> {
    await this.runner.stop();
    this.db.close();
  }
}
