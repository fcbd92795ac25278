import { Inject, Injectable } from '@nestjs/common';
import type { EventStore } from '@story-tracker/event-store';
import { AppConfig, EVENT_STORE } from '@story-tracker/runtime';
import type { LogPublicKey } from '@story-tracker/verifiable-log';
import { ExitCode } from '../../cli-exit';
import { CLI_IO, writeOut, type CliIo } from '../../io/cli-io';
import { readCheckpointFile, requireSignedBy } from './checkpoint-file';
import { consistencyOf } from './consistency';
import { verifyingKey } from './log-key';
import { readTodaysLog } from './todays-log';

export interface LogVerifyArguments {
  readonly checkpointFile: string;
  readonly key?: LogPublicKey;
  readonly json: boolean;
  readonly progress: boolean;
}

/**
 * `log verify --checkpoint FILE`: whether today's log, recomputed from the events, extends a
 * checkpoint issued before. One line on stdout (or POST /log/verify's JSON with --json); exit 0 only
 * when consistent. The signature is checked first, with the log's key or the one --key pins.
 */
@Injectable()
export class LogVerifyCommand {
  constructor(
    @Inject(EVENT_STORE) private readonly store: EventStore,
    @Inject(CLI_IO) private readonly io: CliIo,
    private readonly config: AppConfig,
  ) {}

  async run(args: LogVerifyArguments): Promise<ExitCode> {
    const note = readCheckpointFile(args.checkpointFile);
    requireSignedBy(note, verifyingKey(this.config, args.key), args.checkpointFile);
    const reading = await readTodaysLog(this.store, this.io, { progress: args.progress, sizes: [note.checkpoint.treeSize] });
    const verdict = consistencyOf(note.checkpoint, reading);
    const { consistent, checkpointSize, treeSize, problem } = verdict;
    const output = args.json ? JSON.stringify({ consistent, checkpointSize, treeSize, ...(problem !== undefined && { problem }) }, null, 2) : verdict.line;
    await writeOut(this.io.stdout, `${output}\n`);
    return consistent ? ExitCode.Ok : ExitCode.Failed;
  }
}
