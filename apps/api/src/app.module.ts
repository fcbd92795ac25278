import { Module, type DynamicModule } from '@nestjs/common';
import { APP_FILTER } from '@nestjs/core';
import type { DestinationStream } from 'pino';
import { AuthModule } from './auth/auth.module';
import type { TokenGrant } from './auth/token-registry';
import { ProblemDetailsFilter } from './errors/problem-details.filter';
import { HealthModule } from './health/health.module';
import { loggingModule } from './logging/logging.module';
import { ProjectionsModule } from './projections/projections.module';
import { StoriesModule } from './stories/stories.module';
import { HistoryModule } from './history/history.module';
import { ChangesModule } from './changes/changes.module';
import { AuditModule } from './audit/audit.module';
import { LogModule } from './log/log.module';
import { WatchesModule } from './watches/watches.module';
import { LiveModule } from './live/live.module';
import { WebModule } from './web/web.module';
import { PublicModule } from './public/public.module';
import { type AppConfig, ConfigModule, EventStoreModule } from '@story-tracker/runtime';

/** What a caller of `createApp` may choose beyond the configuration. */
export interface AppModuleOptions {
  /** Where log lines go instead of stdout (tests read them). */
  readonly logDestination?: DestinationStream;
}

@Module({})
export class AppModule {
  static forRoot(config: AppConfig, tokens: readonly TokenGrant[], options: AppModuleOptions = {}): DynamicModule {
    return {
      module: AppModule,
      imports: [ConfigModule.forRoot(config), loggingModule(config, options.logDestination), AuthModule.forRoot(tokens), EventStoreModule, ProjectionsModule, HealthModule, StoriesModule, HistoryModule, ChangesModule, AuditModule, LogModule, WatchesModule, LiveModule, PublicModule, WebModule],
      providers: [{ provide: APP_FILTER, useClass: ProblemDetailsFilter }],
    };
  }
}
