import { GENESIS_HASH } from '../hash-chain';
import { brokenLinkProblem, type ChainVerification } from './chain-verifier';

/**
 * One part of a stream, checked on its own by a `ChainVerifier` made with a segment start: every
 * event's place, stream and hash, and every link but the first, which needs the part before.
 */
export interface ChainSegment {
  /** Events of the stream before this part. */
  readonly before: number;
  /** Events in this part. */
  readonly events: number;
  /** The previous hash the part's first event claims; absent for an empty part. */
  readonly firstPreviousHash?: string;
  /** The hash of the part's last event; absent when the part is broken or empty. */
  readonly lastHash?: string;
  /** The first problem in the part; `beforeLink` when it comes before the first link's check. */
  readonly broken?: { readonly revision: number; readonly problem: string; readonly beforeLink: boolean };
}

/**
 * The verification of the whole stream from its parts, in order and without gaps: exactly what one
 * `ChainVerifier` would have found reading them one after the other. Each part's first link is
 * checked here, against the last hash of the part before (the genesis hash for the first), and a
 * problem is reported where the sequential check would have stopped first.
 */
export function joinChainSegments(segments: readonly ChainSegment[]): ChainVerification {
  const ordered = [...segments].sort((a, b) => a.before - b.before);
  const events = ordered.reduce((sum, segment) => sum + segment.events, 0);
  let previousHash = GENESIS_HASH;
  let expectedBefore = 0;
  for (const segment of ordered) {
    if (segment.before !== expectedBefore) throw new Error(`The parts of the stream leave a gap after event ${expectedBefore}`);
    expectedBefore += segment.events;
    if (segment.events === 0) continue;
    const first = segment.before + 1;
    const broken = segment.broken;
    if (broken?.revision === first && broken.beforeLink) return brokenAt(events, broken);
    if (segment.firstPreviousHash !== previousHash) return brokenAt(events, { revision: first, problem: brokenLinkProblem(first) });
    if (broken) return brokenAt(events, broken);
    previousHash = segment.lastHash!;
  }
  return { verified: true, events };
}

function brokenAt(events: number, broken: { readonly revision: number; readonly problem: string }): ChainVerification {
  return { verified: false, events, firstBrokenRevision: broken.revision, problem: broken.problem };
}
