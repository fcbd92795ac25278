import type { StoredEvent } from '../event-store.port';
import { ChainVerifier, type ChainVerification } from './chain-verifier';

export interface VerifyChainOptions {
  /** The stream the events must belong to; by default the stream of the first event. */
  readonly streamId?: string;
}

/**
 * Recomputes a stream's hash chain from its events as stored (before any upcasting) and reports the
 * first revision where anything is wrong. Reads every event once, in constant memory; events after a
 * break are still counted.
 */
export async function verifyChain(
  events: AsyncIterable<StoredEvent> | Iterable<StoredEvent>,
  options: VerifyChainOptions = {},
): Promise<ChainVerification> {
  const verifier = new ChainVerifier(options.streamId);
  for await (const event of events) verifier.check(event);
  return verifier.result();
}
