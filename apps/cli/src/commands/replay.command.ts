import { Inject, Injectable } from '@nestjs/common';
import { replayStory } from '@story-tracker/audit';
import { toStoryDocument } from '@story-tracker/domain';
import type { ChainVerification, EventStore } from '@story-tracker/event-store';
import { CliUsageError, ExitCode } from '../cli-exit';
import { CLI_IO, writeOut, type CliIo } from '../io/cli-io';
import { startProgress } from '../io/progress';
import { requireStory } from './require-story';
import { EVENT_STORE } from '@story-tracker/runtime';

export interface ReplayArguments {
  readonly revision?: number;
  readonly unverified: boolean;
  readonly progress: boolean;
}

/**
 * `replay <story> [--revision N]`: the state document as it stood at revision N, replayed from
 * scratch, as pretty JSON on stdout. The chain up to N is checked on the way: if it is broken the
 * state is not shown (exit 1) unless --unverified asks for it, and then with a warning on stderr.
 */
@Injectable()
export class ReplayCommand {
  constructor(
    @Inject(EVENT_STORE) private readonly store: EventStore,
    @Inject(CLI_IO) private readonly io: CliIo,
  ) {}

  async run(storyId: string, args: ReplayArguments): Promise<ExitCode> {
    const head = await requireStory(this.store, storyId);
    if (args.revision !== undefined && args.revision > head) {
      throw new CliUsageError(`story "${storyId}" has ${head} revision${head === 1 ? '' : 's'}; there is no revision ${args.revision}`);
    }
    const target = args.revision ?? head;
    const progress = startProgress(this.io.stderr, `replay ${storyId}`, target, { enabled: args.progress });
    let replay;
    try {
      replay = await replayStory(this.store, storyId, {
        toRevision: target,
        includeUnverified: args.unverified,
        onEvent: (read) => progress.update(read),
      });
    } finally {
      progress.stop();
    }
    const chain = withMissingEnd(replay.chain, target);
    if (!chain.verified) {
      const broken = `${storyId}: BROKEN at revision ${chain.firstBrokenRevision} (${chain.problem})`;
      if (!args.unverified) {
        this.io.stderr.write(`${broken}; the state at revision ${target} rests on it and is not shown (--unverified shows it anyway)\n`);
        return ExitCode.Failed;
      }
      this.io.stderr.write(`${broken}; showing the state anyway, as --unverified asked\n`);
    }
    await writeOut(this.io.stdout, `${JSON.stringify(toStoryDocument(replay.state), null, 2)}\n`);
    return chain.verified ? ExitCode.Ok : ExitCode.Failed;
  }
}

/**
 * Reading up to revision N, a chain can only see gaps between the events it gets: if the last ones
 * up to N are gone (N itself deleted), it ends early and still verifies. N is known to exist (the
 * stream's head is at least N), so fewer events than N on a verified chain means revisions are missing.
 */
function withMissingEnd(chain: ChainVerification, target: number): ChainVerification {
  if (!chain.verified || chain.events >= target) return chain;
  const missing = chain.events + 1;
  return { verified: false, events: chain.events, firstBrokenRevision: missing, problem: `revision ${missing} is missing` };
}
