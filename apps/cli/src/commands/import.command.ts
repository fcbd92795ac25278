import { createReadStream, existsSync } from 'node:fs';
import { createInterface } from 'node:readline';
import { Inject, Injectable } from '@nestjs/common';
import { GENESIS_HASH, type EventStore, type StoredEvent } from '@story-tracker/event-store';
import { EVENT_STORE } from '@story-tracker/runtime';
import { CliUsageError, ExitCode } from '../cli-exit';
import { CLI_IO, type CliIo } from '../io/cli-io';
import { parseTransferLine, type StoreTransferLine } from './store-transfer-line';

/** Events of one stream appended in one go, at most. */
const BATCH = 500;

class ImportRefused extends Error {}

/**
 * `import <file>`: the events of an `export --all` file, appended to this store stream by stream in
 * their order. Every line must prove itself (its hash is the chain hash of its content) and continue
 * its stream's chain where this store has it; the store seals each append again, and the hashes it
 * gives must be the file's. So a history moved from one store to another verifies with the same
 * hashes, or the import stops before the offending events (at most 500 of a stream go at a time). Events already here with the same hash are
 * skipped, so an import cut short can be run again. Idempotency records are not events and stay behind.
 */
@Injectable()
export class ImportCommand {
  private imported = 0;
  private skipped = 0;
  private readonly streams = new Set<string>();

  constructor(
    @Inject(EVENT_STORE) private readonly store: EventStore,
    @Inject(CLI_IO) private readonly io: CliIo,
  ) {}

  async run(file: string, options: { readonly progress: boolean }): Promise<ExitCode> {
    if (!existsSync(file)) throw new CliUsageError(`no file ${file} (write one with export --all)`);
    this.imported = 0;
    this.skipped = 0;
    this.streams.clear();
    const lines = createInterface({ input: createReadStream(file, 'utf8'), crlfDelay: Infinity });
    let batch: StoreTransferLine[] = [];
    let lineNumber = 0;
    try {
      for await (const text of lines) {
        lineNumber += 1;
        if (text.trim() === '') continue;
        const line = parseTransferLine(text);
        if (typeof line === 'string') throw new ImportRefused(`line ${lineNumber}: ${line}`);
        if (batch.length > 0 && (batch[0]!.streamId !== line.streamId || batch.length >= BATCH)) {
          await this.write(batch);
          batch = [];
        }
        batch.push(line);
        if (options.progress && lineNumber % 10_000 === 0) this.io.stderr.write(`import: ${lineNumber} lines read\n`);
      }
      if (batch.length > 0) await this.write(batch);
    } catch (error) {
      if (!(error instanceof ImportRefused)) throw error;
      this.io.stderr.write(`import refused: ${error.message}; ${this.summary()} before it\n`);
      return ExitCode.Failed;
    } finally {
      lines.close();
    }
    this.io.stderr.write(`import: ${this.summary()}\n`);
    return ExitCode.Ok;
  }

  private summary(): string {
    return `${this.imported} events imported into ${this.streams.size} streams, ${this.skipped} already here`;
  }

  /** One stream's consecutive lines: skip what is here already, append the rest after its head. */
  private async write(lines: readonly StoreTransferLine[]): Promise<void> {
    const streamId = lines[0]!.streamId;
    this.streams.add(streamId);
    const head = await this.store.streamRevision(streamId);
    const here = lines.filter((line) => line.revision <= head);
    if (here.length > 0) await this.assertAlreadyHere(streamId, here);
    const rest = lines.filter((line) => line.revision > head);
    if (rest.length === 0) return;
    const headHash = head === 0 ? GENESIS_HASH : (await this.stored(streamId, head, head))[0]!.hash;
    rest.forEach((line, index) => {
      if (line.revision !== head + index + 1) throw new ImportRefused(`${streamId} jumps to revision ${line.revision} after ${head + index}`);
    });
    if (rest[0]!.previousHash !== headHash) throw new ImportRefused(`${streamId} revision ${rest[0]!.revision} does not continue the chain this store has`);
    await this.store.append(streamId, rest.map(({ type, data, metadata }) => ({ type, data, metadata })), { expectedRevision: head, sealing: 'as-recorded' });
    const written = await this.stored(streamId, rest[0]!.revision, rest[rest.length - 1]!.revision);
    written.forEach((event, index) => {
      if (event.hash !== rest[index]!.hash) throw new ImportRefused(`${streamId} revision ${event.revision} was stored with another hash than the file's`);
    });
    this.imported += rest.length;
  }

  private async assertAlreadyHere(streamId: string, lines: readonly StoreTransferLine[]): Promise<void> {
    const stored = await this.stored(streamId, lines[0]!.revision, lines[lines.length - 1]!.revision);
    lines.forEach((line, index) => {
      if (stored[index]?.hash !== line.hash) throw new ImportRefused(`this store already holds a different ${streamId} revision ${line.revision}`);
    });
    this.skipped += lines.length;
  }

  private async stored(streamId: string, fromRevision: number, toRevision: number): Promise<StoredEvent[]> {
    const events: StoredEvent[] = [];
    for await (const event of this.store.readStream(streamId, { fromRevision, toRevision })) events.push(event);
    return events;
  }
}
