import { Inject, Injectable } from '@nestjs/common';
import { auditStory, listStoryIds, type StoryAudit } from '@story-tracker/audit';
import { storyStreamName } from '@story-tracker/domain';
import type { EventStore } from '@story-tracker/event-store';
import { ExitCode } from '../cli-exit';
import { CLI_IO, writeOut, type CliIo } from '../io/cli-io';
import { startProgress } from '../io/progress';
import { requireStory } from './require-story';
import { EVENT_STORE } from '@story-tracker/runtime';

/**
 * `verify <story>` and `verify --all`: each story audited in one pass (hash chain recomputed, state
 * replayed from scratch), one line per story on stdout. Exit 0 only when every chain holds.
 */
@Injectable()
export class VerifyCommand {
  constructor(
    @Inject(EVENT_STORE) private readonly store: EventStore,
    @Inject(CLI_IO) private readonly io: CliIo,
  ) {}

  async run(storyId: string | 'all', options: { readonly progress: boolean }): Promise<ExitCode> {
    if (storyId === 'all') return this.verifyAll(options.progress);
    const total = await requireStory(this.store, storyId);
    return (await this.verifyOne(storyId, total, options.progress)) ? ExitCode.Ok : ExitCode.Failed;
  }

  private async verifyAll(progress: boolean): Promise<ExitCode> {
    const storyIds = await this.findStories(progress);
    if (storyIds.length === 0) {
      this.io.stderr.write('no stories in the event store\n');
      return ExitCode.Ok;
    }
    let broken = 0;
    for (const storyId of storyIds) {
      const total = await this.store.streamRevision(storyStreamName(storyId));
      if (!(await this.verifyOne(storyId, total, progress))) broken += 1;
    }
    this.io.stderr.write(`${storyIds.length} ${storyIds.length === 1 ? 'story' : 'stories'}: ${storyIds.length - broken} ok, ${broken} broken\n`);
    return broken === 0 ? ExitCode.Ok : ExitCode.Failed;
  }

  /** Every story stream, found by scanning the store in global order (the port lists no streams). */
  private async findStories(progress: boolean): Promise<string[]> {
    const head = await this.store.headPosition();
    const bar = startProgress(this.io.stderr, 'finding stories', head, { enabled: progress });
    const storyIds: string[] = [];
    try {
      for await (const storyId of listStoryIds(this.store, { onProgress: (position) => bar.update(position) })) {
        storyIds.push(storyId);
      }
    } finally {
      bar.stop();
    }
    return storyIds;
  }

  /** Audits one story and prints its line; a story that cannot be audited counts as not verified. */
  private async verifyOne(storyId: string, total: number, progress: boolean): Promise<boolean> {
    const bar = startProgress(this.io.stderr, `verify ${storyId}`, total, { enabled: progress });
    let line: string;
    let verified = false;
    try {
      const audit = await auditStory(this.store, storyId, { onEvent: (read) => bar.update(read) });
      verified = audit.verified;
      line = describeAudit(storyId, audit);
    } catch (error) {
      line = `${storyId}: ERROR (${error instanceof Error ? error.message : String(error)})`;
    } finally {
      bar.stop();
    }
    await writeOut(this.io.stdout, `${line}\n`);
    return verified;
  }
}

export function describeAudit(storyId: string, audit: StoryAudit): string {
  if (audit.verified) return `${storyId}: ok (${audit.events} events, stateHash ${audit.stateHash})`;
  return `${storyId}: BROKEN at revision ${audit.firstBrokenRevision} (${audit.problem})`;
}
