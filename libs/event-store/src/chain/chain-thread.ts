import { parentPort, type MessagePort } from 'node:worker_threads';
import { decodeStoredEvent } from '../encoded-events';
import type { EncodedStoredEvent } from '../event-store.port';
import type { ChainSegment } from './chain-segments';
import { ChainVerifier } from './chain-verifier';

/**
 * The thread half of `ParallelChainVerifier`: checks the parts of a stream it is sent, each on its
 * own (a `ChainVerifier` with a segment start), and answers on the port it was given, which the
 * other half reads without waiting for its event loop.
 */

export interface ChainThreadData {
  readonly streamId: string;
  readonly answers: MessagePort;
}

/** A part of the stream to check: the events after the first `before`, as stored (JSON text). */
export interface ChainPart {
  readonly id: number;
  readonly before: number;
  readonly events: readonly EncodedStoredEvent[];
}

export type ChainPartAnswer =
  | { readonly id: number; readonly segment: ChainSegment }
  | { readonly id: number; readonly failure: string };

export function run({ streamId, answers }: ChainThreadData): void {
  parentPort!.on('message', (part: ChainPart) => answers.postMessage(checkPart(streamId, part)));
}

function checkPart(streamId: string, part: ChainPart): ChainPartAnswer {
  try {
    const verifier = new ChainVerifier(streamId, { before: part.before });
    for (const event of part.events) verifier.check(decodeStoredEvent(event));
    return { id: part.id, segment: verifier.segment() };
  } catch (error) {
    // Text that is not JSON, say: the other half checks the part itself and meets it there.
    return { id: part.id, failure: error instanceof Error ? error.message : String(error) };
  }
}
