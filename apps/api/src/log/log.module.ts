import { Inject, Logger, Module, type OnApplicationBootstrap, type OnModuleDestroy } from '@nestjs/common';
import { LOG_TREE_RUNNER } from './log-tree-runner';
import { CqrsModule } from '@nestjs/cqrs';
import type { EventStore } from '@story-tracker/event-store';
import { ProjectionRunner } from '@story-tracker/projections';
import { EVENT_STORE } from '@story-tracker/runtime';
import { LogTreeProjection, SqliteTileStore } from '@story-tracker/verifiable-log';
import type Database from 'better-sqlite3';
import { READ_MODEL_DB } from '../projections/projections.module';
import { LogController } from './log.controller';
import { LOG_SIGNING_KEY, logSigningKeyProvider } from './log-signing-key.provider';
import { LOG_QUERY_HANDLERS } from './queries/log-query.handlers';
import { VerifiableLogService } from './verifiable-log.service';

/**
 * How long appends gather before the tree takes them: no write's answer waits for the tree, and each
 * batch rewrites the tile at the log's edge, so under a steady stream of appends it takes them a few
 * dozen at a time instead of one commit at a time (a tenth of the tile writes at 2,000 appends a second).
 * A read of the log does not wait that long: it asks for what is committed, which ends the gathering.
 */
const TREE_GATHER_MS = 50;

/**
 * The verifiable log. Its tree is a read model with a runner of its own: a log that stops at a hole in
 * the store (an event deleted) must not hold back the story list, nor wait for it.
 */
@Module({
  imports: [CqrsModule],
  controllers: [LogController],
  providers: [
    logSigningKeyProvider,
    { provide: SqliteTileStore, inject: [READ_MODEL_DB], useFactory: (db: Database.Database) => new SqliteTileStore(db, { proofReader: true }) },
    { provide: LogTreeProjection, inject: [SqliteTileStore], useFactory: (tiles: SqliteTileStore) => new LogTreeProjection(tiles) },
    {
      provide: LOG_TREE_RUNNER,
      inject: [EVENT_STORE, LogTreeProjection],
      useFactory: (store: EventStore, tree: LogTreeProjection) => {
        const logger = new Logger('VerifiableLog');
        return new ProjectionRunner(store, [tree], {
          gatherMs: TREE_GATHER_MS,
          onError: (error) => {
            logger.error({ err: error }, 'The verifiable log could not take the next events; it tries again on the next append');
          },
          log: { info: (fields, message) => logger.log(fields, message.replace('Read models', 'The verifiable log')) },
        });
      },
    },
    VerifiableLogService,
    ...LOG_QUERY_HANDLERS,
  ],
  // The log's key is the installation's one shared secret: webhook secrets are derived from it.
  exports: [LOG_SIGNING_KEY],
})
export class LogModule implements OnApplicationBootstrap, OnModuleDestroy {
  private readonly logger = new Logger('VerifiableLog');

  constructor(
    @Inject(LOG_TREE_RUNNER) private readonly runner: ProjectionRunner,
    private readonly tree: LogTreeProjection,
    @Inject(EVENT_STORE) private readonly store: EventStore,
    private readonly tiles: SqliteTileStore,
  ) {}

  async onApplicationBootstrap(): Promise<void> {
    const check = await this.tree.checkAgainst(this.store);
    if (check.rebuilt) {
      this.logger.warn(
        { size: check.size, reason: check.reason },
        `The verifiable log no longer matches the event store (${check.reason}): building it again from the events as they are. Checkpoints issued before will not verify against it`,
      );
    }
    // Not waited for: a first start on a big store (after an import, or with the tiles deleted) builds
    // the tree in the background, with progress in the log, while the server already answers. Until it
    // has caught up, the log is simply shorter: every checkpoint it signs is true, and POST /log/verify
    // reads the store itself. A hole in the store stops it there (LogHoleError, logged).
    void this.runner.start().catch((error: unknown) => this.logger.error({ err: error }, 'The verifiable log could not start following the store'));
  }

  async onModuleDestroy(): Promise<void> {
    // Not `starting`: a log held at a hole never catches up, and must not hold the shutdown.
    await this.runner.stop();
    this.tiles.close();
  }
}
