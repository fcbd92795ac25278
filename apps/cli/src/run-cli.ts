import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { NestFactory } from '@nestjs/core';
import { CliModule } from './cli.module';
import { parseCliArguments, USAGE, type CliCommand } from './cli-arguments';
import { CliFailure, CliUsageError, ExitCode } from './cli-exit';
import { ExportAllCommand } from './commands/export-all.command';
import { ExportCommand } from './commands/export.command';
import { ImportCommand } from './commands/import.command';
import { LogCheckpointCommand } from './commands/log/log-checkpoint.command';
import { LogProveCommand } from './commands/log/log-prove.command';
import { LogVerifyCommand } from './commands/log/log-verify.command';
import { LogWitnessCommand } from './commands/log/log-witness.command';
import { ReplayCommand } from './commands/replay.command';
import { VerifyCommand } from './commands/verify.command';
import type { CliIo } from './io/cli-io';
import { ConfigError, loadConfig, type AppConfig } from '@story-tracker/runtime';

/**
 * Runs one CLI command and answers its exit code; never calls process.exit, so tests run it
 * in-process with streams of their own. stdout carries results only; messages and progress go to
 * stderr.
 */
export async function runCli(argv: readonly string[], io: CliIo): Promise<ExitCode> {
  let command: CliCommand;
  let config: AppConfig;
  try {
    command = parseCliArguments(argv);
    if (command.kind === 'help') {
      io.stdout.write(USAGE);
      return ExitCode.Ok;
    }
    config = loadConfig(io.env);
    // Import fills a store, which may be new; every other command inspects one that must exist.
    if (command.kind !== 'import') assertStoreExists(config);
  } catch (error) {
    if (error instanceof CliUsageError) {
      io.stderr.write(`error: ${error.message}\n\n${USAGE}`);
      return ExitCode.Usage;
    }
    if (error instanceof ConfigError) {
      io.stderr.write(`${error.message}\n`);
      return ExitCode.Usage;
    }
    throw error;
  }
  return runInContext(command, config, io);
}

async function runInContext(command: Exclude<CliCommand, { kind: 'help' }>, config: AppConfig, io: CliIo): Promise<ExitCode> {
  let app;
  try {
    // No logger: Nest's console logger writes to stdout, which carries results only.
    app = await NestFactory.createApplicationContext(CliModule.forRoot(config, io), { logger: false, abortOnError: false });
  } catch (error) {
    io.stderr.write(`error: cannot open the event store: ${messageOf(error)}\n`);
    return ExitCode.Failed;
  }
  try {
    switch (command.kind) {
      case 'export':
        return await app.get(ExportCommand).run(command.storyId, command);
      case 'export-all':
        return await app.get(ExportAllCommand).run(command);
      case 'import':
        return await app.get(ImportCommand).run(command.file, command);
      case 'verify':
        return await app.get(VerifyCommand).run(command.storyId, command);
      case 'replay':
        return await app.get(ReplayCommand).run(command.storyId, command);
      case 'log-checkpoint':
        return await app.get(LogCheckpointCommand).run(command);
      case 'log-verify':
        return await app.get(LogVerifyCommand).run(command);
      case 'log-prove':
        return await app.get(LogProveCommand).run(command.storyId, command.revision, command);
      case 'log-witness':
        return await app.get(LogWitnessCommand).run(command);
    }
  } catch (error) {
    if (error instanceof CliUsageError) {
      io.stderr.write(`error: ${error.message}\n`);
      return ExitCode.Usage;
    }
    if (error instanceof CliFailure) {
      io.stderr.write(`error: ${error.message}\n`);
      return ExitCode.Failed;
    }
    io.stderr.write(`error: ${messageOf(error)}\n`);
    return ExitCode.Failed;
  } finally {
    await app.close();
  }
}

/**
 * An auditor's tool must not create what it is asked to inspect: opening a missing SQLite file would
 * make an empty store (and DATA_DIR) and report that all is well. The file name is the one
 * `openEventStore` uses.
 */
function assertStoreExists(config: AppConfig): void {
  if (config.EVENT_STORE !== 'sqlite') return;
  const file = join(config.DATA_DIR, 'events.sqlite');
  if (!existsSync(file)) throw new CliUsageError(`no event store at ${file} (set DATA_DIR to the API's data folder)`);
}

function messageOf(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
