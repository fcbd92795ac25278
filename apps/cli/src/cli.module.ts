import { Module, type DynamicModule } from '@nestjs/common';
import { ExportAllCommand } from './commands/export-all.command';
import { ExportCommand } from './commands/export.command';
import { ImportCommand } from './commands/import.command';
import { LOG_COMMANDS } from './commands/log/log-commands';
import { ReplayCommand } from './commands/replay.command';
import { VerifyCommand } from './commands/verify.command';
import { CLI_IO, type CliIo } from './io/cli-io';
import { type AppConfig, ConfigModule, EventStoreModule } from '@story-tracker/runtime';

/**
 * The CLI as a Nest standalone application context (no HTTP): the API's own configuration and
 * event store modules, so the CLI opens exactly the store the API would, and closing the context
 * checkpoints and closes the SQLite file the same way. The two modules are borrowed from apps/api
 * until they move into a shared lib.
 */
@Module({})
export class CliModule {
  static forRoot(config: AppConfig, io: CliIo): DynamicModule {
    return {
      module: CliModule,
      imports: [ConfigModule.forRoot(config), EventStoreModule],
      providers: [{ provide: CLI_IO, useValue: io }, ExportCommand, ExportAllCommand, ImportCommand, VerifyCommand, ReplayCommand, ...LOG_COMMANDS],
    };
  }
}
