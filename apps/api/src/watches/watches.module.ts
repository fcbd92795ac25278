import { Module } from '@nestjs/common';
import type Database from 'better-sqlite3';
import { Clock, IdGenerator, SystemClock, UlidGenerator } from '../common/clock';
import { LiveModule } from '../live/live.module';
import { LogModule } from '../log/log.module';
import { READ_MODEL_DB } from '../projections/projections.module';
import { StoryLoaderModule } from '../story-loader/story-loader.module';
import { AlertBook } from './alert-book';
import { AlertFollower } from './alert-follower';
import { AlertStreams } from './alert-streams';
import { AlertsController } from './alerts.controller';
import { WatchesController } from './watches.controller';
import { WatchesService } from './watches.service';
import { WebhookDeliveries } from './webhook-deliveries';
import { WebhookDeliveriesController } from './webhook-deliveries.controller';
import { webhookOutboxProvider } from './webhook-outbox.provider';
import { WebhookSettings } from './webhook-settings';

/** Watches, the alerts they raise (a read model kept by AlertFollower), their live stream and their webhooks. */
@Module({
  imports: [StoryLoaderModule, LiveModule, LogModule],
  controllers: [WatchesController, AlertsController, WebhookDeliveriesController],
  providers: [
    { provide: AlertBook, inject: [READ_MODEL_DB], useFactory: (db: Database.Database) => new AlertBook(db) },
    AlertFollower,
    AlertStreams,
    WatchesService,
    webhookOutboxProvider,
    WebhookSettings,
    WebhookDeliveries,
    { provide: Clock, useClass: SystemClock },
    { provide: IdGenerator, useClass: UlidGenerator },
  ],
  exports: [AlertFollower, AlertBook, WatchesService, WebhookSettings],
})
export class WatchesModule {}
