import type { StoredEvent } from '../event-store.port';
import { GENESIS_HASH, expectedHash } from '../hash-chain';

/** What a walk over a stream's hash chain found. */
export interface ChainVerification {
  /** True when every event fits the chain: revisions 1, 2, 3… in order, each linked and hashed right. */
  readonly verified: boolean;
  /** Events read (all of them, also those after a break). */
  readonly events: number;
  /** The first revision at which the stream stops fitting the chain. */
  readonly firstBrokenRevision?: number;
  /** What is wrong there, in one line. */
  readonly problem?: string;
}

/**
 * Checks a stream's events one at a time, in the order they are read, holding only the previous hash
 * and two counters, so a stream of any length is checked in constant memory. It recomputes each
 * hash with the event store's own `expectedHash` over the event as stored (before any upcasting),
 * so a changed type, data or metadata, a missing, repeated or moved event and a broken link are all
 * found, and the first of them is kept. Used by `verifyChain` and by the one-pass audit.
 */
export class ChainVerifier {
  private read = 0;
  private previousHash = GENESIS_HASH;
  private streamId: string | undefined;
  private broken: { readonly revision: number; readonly problem: string } | undefined;

  constructor(expectedStreamId?: string) {
    this.streamId = expectedStreamId;
  }

  /** Checks the next event; answers whether the chain still holds up to and including it. */
  check(event: StoredEvent): boolean {
    this.read += 1;
    if (this.broken) return false;
    const problem = this.findProblem(event);
    if (problem) {
      this.broken = problem;
      return false;
    }
    this.previousHash = event.hash;
    return true;
  }

  get intact(): boolean {
    return this.broken === undefined;
  }

  result(): ChainVerification {
    if (!this.broken) return { verified: true, events: this.read };
    return {
      verified: false,
      events: this.read,
      firstBrokenRevision: this.broken.revision,
      problem: this.broken.problem,
    };
  }

  /** The problem with the event in place `this.read` of the stream, if any. */
  private findProblem(event: StoredEvent): { revision: number; problem: string } | undefined {
    const revision = this.read;
    this.streamId ??= event.streamId;
    if (event.revision !== revision) {
      // A deleted event leaves a gap; a moved or repeated one puts a revision out of turn. Either way
      // the stream goes wrong at the place where revision `revision` should be.
      const problem =
        event.revision > revision
          ? `revision ${revision} is missing: revision ${event.revision} follows ${revision > 1 ? `revision ${revision - 1}` : 'the start of the stream'}`
          : `revision ${event.revision} is out of order: revision ${revision} expected`;
      return { revision, problem };
    }
    if (event.streamId !== this.streamId) {
      return { revision, problem: `revision ${revision} belongs to stream ${event.streamId}, not ${this.streamId}` };
    }
    if (event.previousHash !== this.previousHash) {
      const previous = revision > 1 ? `the hash of revision ${revision - 1}` : 'the genesis hash';
      return { revision, problem: `revision ${revision} does not link to ${previous} (previous hash differs)` };
    }
    if (event.hash !== expectedHash(event)) {
      return { revision, problem: `revision ${revision} does not match its hash (type, data or metadata changed)` };
    }
    return undefined;
  }
}
