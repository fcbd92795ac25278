import { Inject, Injectable } from '@nestjs/common';
import { exportStory } from '@story-tracker/audit';
import type { EventStore } from '@story-tracker/event-store';
import { ExitCode } from '../cli-exit';
import { CLI_IO, isTerminal, writeOut, type CliIo } from '../io/cli-io';
import { startProgress } from '../io/progress';
import { requireStory } from './require-story';
import { EVENT_STORE } from '@story-tracker/runtime';

/** `export <story>`: the raw log as NDJSON on stdout, one entry a line, in constant memory. */
@Injectable()
export class ExportCommand {
  constructor(
    @Inject(EVENT_STORE) private readonly store: EventStore,
    @Inject(CLI_IO) private readonly io: CliIo,
  ) {}

  async run(storyId: string, options: { readonly progress: boolean }): Promise<ExitCode> {
    const total = await requireStory(this.store, storyId);
    // The lines go to stdout as they are read; a bar on the same terminal would tear them apart.
    const progress = startProgress(this.io.stderr, `export ${storyId}`, total, {
      enabled: options.progress && !isTerminal(this.io.stdout),
    });
    let written = 0;
    try {
      for await (const entry of exportStory(this.store, storyId)) {
        await writeOut(this.io.stdout, `${JSON.stringify(entry)}\n`);
        progress.update((written += 1));
      }
    } finally {
      progress.stop();
    }
    return ExitCode.Ok;
  }
}
