import type { StoredEvent } from '../event-store.port';
import { GENESIS_HASH, expectedHash } from '../hash-chain';
import type { ChainSegment } from './chain-segments';

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

/** Where a verifier starts when it checks one part of a stream (see chain-segments.ts). */
export interface ChainSegmentStart {
  /** Events of the stream before the part: its first event belongs at revision `before + 1`. */
  readonly before: number;
}

/**
 * Checks a stream's events one at a time, in the order they are read, holding only the previous hash
 * and two counters, so a stream of any length is checked in constant memory. It recomputes each
 * hash with the event store's own `expectedHash` over the event as stored (before any upcasting),
 * so a changed type, data or metadata, a missing, repeated or moved event and a broken link are all
 * found, and the first of them is kept. Used by `verifyChain` and by the one-pass audit.
 *
 * Given a `segment` start it checks one part of a stream instead: everything but the link of the
 * part's first event, whose previous hash it keeps for `joinChainSegments` to check against the part
 * before. So parts of one stream can be checked at once, on several threads, with the same answer.
 */
export class ChainVerifier {
  private read: number;
  private previousHash: string | undefined;
  private firstPreviousHash: string | undefined;
  private streamId: string | undefined;
  private broken: { readonly revision: number; readonly problem: string; readonly beforeLink: boolean } | undefined;
  private readonly before: number;

  constructor(expectedStreamId?: string, segment?: ChainSegmentStart) {
    this.streamId = expectedStreamId;
    this.before = segment?.before ?? 0;
    this.read = this.before;
    this.previousHash = segment ? undefined : GENESIS_HASH;
  }

  /** Checks the next event; answers whether the chain still holds up to and including it. */
  check(event: StoredEvent): boolean {
    this.read += 1;
    if (this.broken) return false;
    if (this.read === this.before + 1) this.firstPreviousHash = event.previousHash;
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
    const events = this.read - this.before;
    if (!this.broken) return { verified: true, events };
    return { verified: false, events, firstBrokenRevision: this.broken.revision, problem: this.broken.problem };
  }

  /** What `joinChainSegments` needs of the part checked (a verifier made with a segment start). */
  segment(): ChainSegment {
    return {
      before: this.before,
      events: this.read - this.before,
      ...(this.firstPreviousHash === undefined ? {} : { firstPreviousHash: this.firstPreviousHash }),
      ...(this.previousHash === undefined || this.broken ? {} : { lastHash: this.previousHash }),
      ...(this.broken ? { broken: this.broken } : {}),
    };
  }

  /** The problem with the event in place `this.read` of the stream, if any. */
  private findProblem(event: StoredEvent): { revision: number; problem: string; beforeLink: boolean } | undefined {
    const revision = this.read;
    this.streamId ??= event.streamId;
    if (event.revision !== revision) {
      // A deleted event leaves a gap; a moved or repeated one puts a revision out of turn. Either way
      // the stream goes wrong at the place where revision `revision` should be.
      const problem =
        event.revision > revision
          ? `revision ${revision} is missing: revision ${event.revision} follows ${revision > 1 ? `revision ${revision - 1}` : 'the start of the stream'}`
          : `revision ${event.revision} is out of order: revision ${revision} expected`;
      return { revision, problem, beforeLink: true };
    }
    if (event.streamId !== this.streamId) {
      return { revision, problem: `revision ${revision} belongs to stream ${event.streamId}, not ${this.streamId}`, beforeLink: true };
    }
    // The first link of a segment is the joining's to check: the hash before it is another part's.
    if (this.previousHash !== undefined && event.previousHash !== this.previousHash) {
      return { revision, problem: brokenLinkProblem(revision), beforeLink: false };
    }
    if (event.hash !== expectedHash(event)) {
      return { revision, problem: `revision ${revision} does not match its hash (type, data or metadata changed)`, beforeLink: false };
    }
    return undefined;
  }
}

/** The problem of an event whose previous hash is not the hash before it. */
export function brokenLinkProblem(revision: number): string {
  const previous = revision > 1 ? `the hash of revision ${revision - 1}` : 'the genesis hash';
  return `revision ${revision} does not link to ${previous} (previous hash differs)`;
}
