import { Inject, Injectable } from '@nestjs/common';
import type { EventStore } from '@story-tracker/event-store';
import { EVENT_STORE } from '@story-tracker/runtime';
import { ExitCode } from '../cli-exit';
import { CLI_IO, isTerminal, writeOut, type CliIo } from '../io/cli-io';
import { startProgress } from '../io/progress';
import { toTransferLine } from './store-transfer-line';

const PAGE = 500;

/** `export --all`: every event of the store in global order, as `import` reads it, in constant memory. */
@Injectable()
export class ExportAllCommand {
  constructor(
    @Inject(EVENT_STORE) private readonly store: EventStore,
    @Inject(CLI_IO) private readonly io: CliIo,
  ) {}

  async run(options: { readonly progress: boolean }): Promise<ExitCode> {
    const total = await this.store.headPosition();
    const progress = startProgress(this.io.stderr, 'export --all', total, { enabled: options.progress && !isTerminal(this.io.stdout) });
    let after = 0;
    try {
      for (;;) {
        const page = await this.store.readAll(after, PAGE);
        if (page.length === 0) break;
        await writeOut(this.io.stdout, page.map((event) => `${JSON.stringify(toTransferLine(event))}\n`).join(''));
        after = page[page.length - 1]!.globalPosition;
        progress.update(Math.min(after, total));
      }
    } finally {
      progress.stop();
    }
    return ExitCode.Ok;
  }
}
