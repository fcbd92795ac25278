import { Inject, Injectable } from '@nestjs/common';
import type { EventStore } from '@story-tracker/event-store';
import { AppConfig, EVENT_STORE } from '@story-tracker/runtime';
import { ExitCode } from '../../cli-exit';
import { CLI_IO, writeOut, type CliIo } from '../../io/cli-io';
import { base64 } from './log-format';
import { loadLogKey } from './log-key';
import { signReading } from './todays-checkpoint';
import { readTodaysLog } from './todays-log';

/**
 * `log checkpoint [--json]`: today's signed checkpoint on stdout, the signed note as the server's
 * GET /log/checkpoint gives it, or its JSON form `{ origin, treeSize, rootHash, checkpoint }`.
 */
@Injectable()
export class LogCheckpointCommand {
  constructor(
    @Inject(EVENT_STORE) private readonly store: EventStore,
    @Inject(CLI_IO) private readonly io: CliIo,
    private readonly config: AppConfig,
  ) {}

  async run(options: { readonly json: boolean; readonly progress: boolean }): Promise<ExitCode> {
    const key = loadLogKey(this.config);
    const signed = signReading(await readTodaysLog(this.store, this.io, options), key);
    const output = options.json
      ? `${JSON.stringify({ origin: signed.origin, treeSize: signed.treeSize, rootHash: base64(signed.rootHash), checkpoint: signed.text }, null, 2)}\n`
      : signed.text;
    await writeOut(this.io.stdout, output);
    return ExitCode.Ok;
  }
}
