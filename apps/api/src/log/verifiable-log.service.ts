import { Inject, Injectable } from '@nestjs/common';
import type { EventStore } from '@story-tracker/event-store';
import type { ProjectionRunner } from '@story-tracker/projections';
import { EVENT_STORE } from '@story-tracker/runtime';
import {
  consistencyProof,
  inclusionProof,
  isSignedBy,
  LogTreeProjection,
  MalformedCheckpointError,
  parseCheckpoint,
  readLog,
  rootHash,
  signCheckpoint,
  verifierKeyOf,
  verifyConsistency,
  type LogSigningKey,
} from '@story-tracker/verifiable-log';
import { ApiError, validationFailed } from '../errors/api-error';
import { withTimeout } from '../common/with-timeout';
import { LOG_SIGNING_KEY } from './log-signing-key.provider';
import { LOG_TREE_RUNNER } from './log-tree-runner';

/**
 * How long a read of the log waits for the tree to take what is committed: it answers from the tree
 * as it is past that (a store that does not answer must not hold a proof read of the tiles).
 */
const CATCH_UP_MS = 2000;

export interface CheckpointView {
  readonly origin: string;
  readonly treeSize: number;
  readonly rootHash: string;
  readonly checkpoint: string;
}

export interface LogKeyView {
  readonly origin: string;
  readonly keyId: string;
  readonly publicKey: string;
  readonly verifierKey: string;
}

export interface InclusionProofView {
  readonly index: number;
  readonly treeSize: number;
  readonly leafHash: string;
  readonly hashes: readonly string[];
}

export interface ConsistencyProofView {
  readonly from: number;
  readonly to: number;
  readonly hashes: readonly string[];
}

export interface LogVerification {
  readonly consistent: boolean;
  readonly checkpointSize: number;
  readonly treeSize: number;
  readonly problem?: string;
}

/**
 * The verifiable log as the API serves it: checkpoints and proofs from the tree this instance keeps
 * (tiles in the read-model database), and the check of a checkpoint it is handed, which trusts nothing
 * but the events: the whole store is read again and today's log recomputed from it.
 */
@Injectable()
export class VerifiableLogService {
  private signed: CheckpointView | undefined;

  constructor(
    private readonly tree: LogTreeProjection,
    @Inject(LOG_SIGNING_KEY) private readonly key: LogSigningKey,
    @Inject(EVENT_STORE) private readonly store: EventStore,
    @Inject(LOG_TREE_RUNNER) private readonly runner: ProjectionRunner,
  ) {}

  /** A checkpoint of everything committed when it was asked for (once the tree has it). */
  async checkpoint(): Promise<CheckpointView> {
    const tree = await this.caughtUpTree();
    if (this.signed?.treeSize !== tree.size) {
      const root = rootHash(tree);
      // Ed25519 signatures are deterministic: every instance with this key signs a size alike.
      const checkpoint = signCheckpoint({ origin: this.key.name, treeSize: tree.size, rootHash: root }, this.key);
      this.signed = { origin: this.key.name, treeSize: tree.size, rootHash: root.toString('base64'), checkpoint };
    }
    return this.signed;
  }

  publicKey(): LogKeyView {
    return { origin: this.key.name, keyId: this.key.keyId.toString('hex'), publicKey: this.key.publicKey.toString('base64'), verifierKey: verifierKeyOf(this.key) };
  }

  async inclusion(index: number, treeSize: number): Promise<InclusionProofView> {
    const tree = await this.caughtUpTree();
    const errors = [];
    if (treeSize < 1) errors.push({ field: 'treeSize', messages: ['treeSize must be at least 1: the empty tree has no leaves'] });
    else if (treeSize > tree.size) errors.push({ field: 'treeSize', messages: [`treeSize must be at most ${tree.size}, the size of the log`] });
    else if (index >= treeSize) errors.push({ field: 'index', messages: [`index must be below treeSize (${treeSize}): leaves count from 0`] });
    if (errors.length > 0) throw validationFailed(errors);
    return {
      index,
      treeSize,
      leafHash: tree.completeSubtree(0, index).toString('base64'),
      hashes: inclusionProof(tree, index, treeSize).map((hash) => hash.toString('base64')),
    };
  }

  async consistency(from: number, to: number): Promise<ConsistencyProofView> {
    const tree = await this.caughtUpTree();
    const errors = [];
    if (from > to) errors.push({ field: 'from', messages: [`from must not be above to (${to})`] });
    if (to > tree.size) errors.push({ field: 'to', messages: [`to must be at most ${tree.size}, the size of the log`] });
    if (errors.length > 0) throw validationFailed(errors);
    return { from, to, hashes: consistencyProof(tree, from, to).map((hash) => hash.toString('base64')) };
  }

  /**
   * Is the checkpoint ours (422 if not signed by this log's key), and does today's log extend it? Today's
   * log is recomputed from every event in the store (hashes from content, links, no holes), so what a
   * witness learns does not rest on this server's tiles; the tiles' own tree is then proven to extend
   * the checkpoint too, with a consistency proof as any client would check it.
   */
  async verify(text: string): Promise<LogVerification> {
    const note = parseNote(text);
    if (note.checkpoint.origin !== this.key.name || !isSignedBy(note, this.key)) {
      throw new ApiError('CheckpointNotSigned', `This is not a checkpoint signed by this log (${this.key.name}, key ${this.key.keyId.toString('hex')}): it was not issued here, or it was changed`);
    }
    const checkpointSize = note.checkpoint.treeSize;
    const tree = await this.caughtUpTree();
    const treeSize = tree.size;
    const reading = await readLog(this.store, { sizes: [checkpointSize, treeSize] });
    const answer = (problem?: string): LogVerification => ({ consistent: problem === undefined, checkpointSize, treeSize: reading.size, ...(problem !== undefined && { problem }) });
    if (reading.problem) return answer(`Today's log is not sound: ${reading.problem}`);
    if (checkpointSize > reading.size) return answer(`The checkpoint covers ${checkpointSize} events but the log holds only ${reading.size}: events were removed`);
    if (!reading.roots.get(checkpointSize)!.equals(note.checkpoint.rootHash)) {
      return answer(`The first ${checkpointSize} events of today's log are not the ones this checkpoint signed: events were changed, removed or reordered`);
    }
    // The tiles this server proves from must say the same as the events (a tree behind the checkpoint,
    // still catching up, has nothing to prove yet).
    if (treeSize >= checkpointSize) {
      const treeRoot = rootHash(tree, treeSize);
      const storeRoot = reading.roots.get(treeSize);
      if (!storeRoot?.equals(treeRoot) || !verifyConsistency(checkpointSize, treeSize, consistencyProof(tree, checkpointSize, treeSize), note.checkpoint.rootHash, treeRoot)) {
        return answer("This server's log tree is out of step with the events in the store (restart the server to build it again)");
      }
    }
    return answer();
  }

  /**
   * The tree once it holds what is committed now (it takes appends a batch at a time, after a short
   * gathering: see LogModule), so that a checkpoint or a proof asked for after a write covers it.
   */
  private async caughtUpTree(): Promise<ReturnType<LogTreeProjection['current']>> {
    await withTimeout(this.runner.catchUp(), CATCH_UP_MS).catch(() => undefined);
    return this.tree.current();
  }
}

function parseNote(text: string) {
  try {
    return parseCheckpoint(text);
  } catch (error) {
    if (error instanceof MalformedCheckpointError) throw new ApiError('CheckpointMalformed', `The body is not a checkpoint: ${error.message}`);
    throw error;
  }
}
