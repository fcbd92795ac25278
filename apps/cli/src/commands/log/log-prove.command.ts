import { Inject, Injectable } from '@nestjs/common';
import type { EventStore } from '@story-tracker/event-store';
import { AppConfig, EVENT_STORE } from '@story-tracker/runtime';
import { eventLeafHash, inclusionProof, verifyInclusion, type Checkpoint, type Hash, type LogPublicKey } from '@story-tracker/verifiable-log';
import { CliFailure, CliUsageError, ExitCode } from '../../cli-exit';
import { CLI_IO, writeOut, type CliIo } from '../../io/cli-io';
import { readCheckpointFile, requireSignedBy } from './checkpoint-file';
import { findEvent } from './find-event';
import { base64, events } from './log-format';
import { verifyingKey } from './log-key';
import { formatProof, type InclusionReport } from './proof-report';
import { readTodaysLog } from './todays-log';
import { TreeBuilder } from './tree-builder';

export interface LogProveArguments {
  readonly checkpointFile?: string;
  readonly key?: LogPublicKey;
  readonly json: boolean;
  readonly progress: boolean;
}

/**
 * `log prove <story> <revision> [--checkpoint FILE]`: the RFC 9162 inclusion proof of the event's leaf
 * in the tree of the checkpoint's size (its signature checked first) or of today's size, made from a
 * tree built from today's events and verified against the checkpoint's root or today's. Exit 0 only
 * when it verifies.
 */
@Injectable()
export class LogProveCommand {
  constructor(
    @Inject(EVENT_STORE) private readonly store: EventStore,
    @Inject(CLI_IO) private readonly io: CliIo,
    private readonly config: AppConfig,
  ) {}

  async run(storyId: string, revision: number, args: LogProveArguments): Promise<ExitCode> {
    const event = await findEvent(this.store, storyId, revision);
    const index = event.globalPosition - 1;
    const checkpoint = args.checkpointFile === undefined ? undefined : this.signedCheckpoint(args.checkpointFile, args.key);
    if (checkpoint && index >= checkpoint.treeSize) {
      throw new CliUsageError(`${storyId} revision ${revision} is leaf ${index} of the log, beyond the checkpoint's ${events(checkpoint.treeSize)}: it came later; prove it in a newer checkpoint`);
    }
    const builder = new TreeBuilder(checkpoint?.treeSize);
    const reading = await readTodaysLog(this.store, this.io, { progress: args.progress, sizes: checkpoint ? [checkpoint.treeSize] : [], onLeaf: builder.add });
    const { treeSize, rootHash } = checkpoint ?? todaysHead(reading.size, reading.roots.get(reading.size)!, reading.problem);
    if (!reading.roots.has(treeSize)) {
      throw new CliFailure(`today's log has no tree of ${events(treeSize)} to prove in: ${reading.problem ?? `it holds only ${events(reading.size)}`}`);
    }
    if (index >= treeSize) throw new CliFailure(`${storyId} revision ${revision} is leaf ${index}, which today's log of ${events(treeSize)} does not reach`);
    const leafHash = eventLeafHash(event.hash);
    const hashes = inclusionProof(builder.finish(), index, treeSize);
    const verified = verifyInclusion(leafHash, index, treeSize, hashes, rootHash);
    const report: InclusionReport = {
      storyId,
      revision,
      index,
      treeSize,
      leafHash: base64(leafHash),
      rootHash: base64(rootHash),
      hashes: hashes.map(base64),
      verified,
      ...(!verified && { problem: whyNot(reading.roots.get(treeSize)!, rootHash, treeSize) }),
    };
    await writeOut(this.io.stdout, args.json ? `${JSON.stringify(report, null, 2)}\n` : formatProof(report, checkpoint ? 'the checkpoint' : 'today'));
    return verified ? ExitCode.Ok : ExitCode.Failed;
  }

  private signedCheckpoint(file: string, pinned: LogPublicKey | undefined): Checkpoint {
    const note = readCheckpointFile(file);
    requireSignedBy(note, verifyingKey(this.config, pinned), file);
    return note.checkpoint;
  }
}

/** Today's size and root, which there are only when nothing in the log is broken. */
function todaysHead(size: number, root: Hash, problem: string | undefined): { treeSize: number; rootHash: Hash } {
  if (problem) throw new CliFailure(`today's log is broken, so it has no root to prove in: ${problem}`);
  return { treeSize: size, rootHash: root };
}

function whyNot(todaysRoot: Hash, rootHash: Hash, treeSize: number): string {
  if (!todaysRoot.equals(rootHash)) {
    return `today's first ${events(treeSize)} are not the ones the checkpoint signed (their root differs), so no proof from them reaches its root`;
  }
  return "the event as read now is not the log's leaf at its index (it changed while the log was read)";
}
