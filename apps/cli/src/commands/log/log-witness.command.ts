import { Inject, Injectable } from '@nestjs/common';
import type { EventStore } from '@story-tracker/event-store';
import { AppConfig, EVENT_STORE } from '@story-tracker/runtime';
import { isSignedBy, parseCheckpoint, verifierKeyOf, type LogPublicKey } from '@story-tracker/verifiable-log';
import { CliFailure, CliUsageError, ExitCode } from '../../cli-exit';
import { CLI_IO, writeOut, type CliIo } from '../../io/cli-io';
import { requireSignedBy } from './checkpoint-file';
import { consistencyOf } from './consistency';
import { events } from './log-format';
import { loadLogKey } from './log-key';
import { signReading, type SignedCheckpoint } from './todays-checkpoint';
import { readTodaysLog } from './todays-log';
import { readWitnessFile, writeWitnessFile, type HeldWitness } from './witness-file';

export interface LogWitnessArguments {
  readonly file: string;
  readonly key?: LogPublicKey;
  readonly progress: boolean;
}

/**
 * `log witness --file W`: a witness that keeps the last checkpoint it saw. The first run pins the
 * log's verifier key (or the one --key gives) and writes today's checkpoint; each later run checks W's
 * checkpoint with the pinned key and that today's log extends it, and only then puts today's
 * checkpoint in its place. On any failure W is left exactly as it was, for the next run to hold the
 * log to the same checkpoint.
 */
@Injectable()
export class LogWitnessCommand {
  constructor(
    @Inject(EVENT_STORE) private readonly store: EventStore,
    @Inject(CLI_IO) private readonly io: CliIo,
    private readonly config: AppConfig,
  ) {}

  async run(args: LogWitnessArguments): Promise<ExitCode> {
    try {
      const held = readWitnessFile(args.file);
      return held ? await this.advance(held, args) : await this.start(args);
    } catch (error) {
      if (error instanceof CliFailure) throw new CliFailure(`${error.message}; ${args.file} is left as it was`);
      if (error instanceof CliUsageError) throw new CliUsageError(`${error.message}; ${args.file} is left as it was`);
      throw error;
    }
  }

  private async start(args: LogWitnessArguments): Promise<ExitCode> {
    const logKey = loadLogKey(this.config);
    const pinned = args.key ?? logKey;
    if (verifierKeyOf(pinned) !== verifierKeyOf(logKey)) {
      throw new CliFailure(`the log signs as ${verifierKeyOf(logKey)}, not with the key --key gives: a witness of that key would refuse every checkpoint of this log`);
    }
    const today = signReading(await readTodaysLog(this.store, this.io, args), logKey);
    requireSignedBy(parseCheckpoint(today.text), pinned, "today's checkpoint");
    const verifierKey = verifierKeyOf(pinned);
    writeWitnessFile(args.file, { verifierKey, checkpoint: today.text }, undefined);
    await writeOut(this.io.stdout, `now witnessing ${today.origin} at ${events(today.treeSize)}, key ${verifierKey}, in ${args.file}\n`);
    return ExitCode.Ok;
  }

  private async advance(held: HeldWitness, args: LogWitnessArguments): Promise<ExitCode> {
    if (args.key && verifierKeyOf(args.key) !== verifierKeyOf(held.key)) {
      throw new CliFailure(`${args.file} pins the key ${held.verifierKey}, not the one --key gives: a witness's key never changes`);
    }
    requireSignedBy(held.note, held.key, `the checkpoint in ${args.file}`);
    // Loaded before the log is read: a missing key is said at once, not after a long read.
    const logKey = loadLogKey(this.config);
    const reading = await readTodaysLog(this.store, this.io, { progress: args.progress, sizes: [held.note.checkpoint.treeSize] });
    const verdict = consistencyOf(held.note.checkpoint, reading);
    if (!verdict.consistent) {
      await writeOut(this.io.stdout, `${verdict.line}; ${args.file} is left as it was\n`);
      return ExitCode.Failed;
    }
    const today = this.todaysCheckpoint(held, signReading(reading, logKey), logKey, args.file);
    // The same log signs to the same text (Ed25519 signatures are deterministic): then W stays as it is.
    const advanced = today.text !== held.checkpoint;
    if (advanced) writeWitnessFile(args.file, { verifierKey: held.verifierKey, checkpoint: today.text }, held);
    await writeOut(this.io.stdout, `${verdict.line}; ${args.file} ${advanced ? 'now' : 'still'} holds the checkpoint of ${events(today.treeSize)}\n`);
    return ExitCode.Ok;
  }

  /** Today's checkpoint, which the witness takes only if the pinned key signed it: a log that changed keys is not the log it witnesses. */
  private todaysCheckpoint(held: HeldWitness, today: SignedCheckpoint, logKey: LogPublicKey, file: string): SignedCheckpoint {
    if (today.origin !== held.key.name || !isSignedBy(parseCheckpoint(today.text), held.key)) {
      throw new CliFailure(`the log now signs as ${verifierKeyOf(logKey)}, not with the key ${held.verifierKey} that ${file} pins: a log that changed its key is not the log witnessed`);
    }
    return today;
  }
}
