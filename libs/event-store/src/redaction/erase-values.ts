import type { ErasureTarget } from '@story-tracker/domain';
import { hashSchemeOf, HASH_SCHEME_COMMITMENTS, redactLeaves, type Salts } from '../chain/commitments';
import { RedactionNeedsCommitmentsError, RewriteChangesHashError } from '../event-store.errors';
import type { EventRewrite, EventStore, StoredEvent } from '../event-store.port';
import { expectedHash } from '../hash-chain';

// What to erase in one stored event (JSON Pointers into its data): the domain's, which finds them.
export type { ErasureTarget };

/**
 * The rewrites that erase the targeted values of a stream's events: each value replaced by
 * `replacement` (the domain's "[redacted]") and its salt by its commitment, so every hash stays. Refuses (before anything is
 * written) an event sealed before commitments, and checks each rewrite keeps its event's hash.
 * Values already erased are left as they are: redacting twice changes nothing.
 */
export function erasureRewrites(events: readonly StoredEvent[], targets: readonly ErasureTarget[], replacement: unknown): EventRewrite[] {
  const byRevision = new Map(events.map((event) => [event.revision, event]));
  const rewrites: EventRewrite[] = [];
  for (const target of targets) {
    const event = byRevision.get(target.revision);
    if (!event) throw new RangeError(`No revision ${target.revision} to redact in ${events[0]?.streamId ?? 'the stream'}`);
    if (hashSchemeOf(event.metadata) !== HASH_SCHEME_COMMITMENTS) throw new RedactionNeedsCommitmentsError(event.streamId, event.revision);
    const { data, salts, redacted } = redactLeaves(event.data, event.metadata['salts'] as Salts, target.pointers, replacement);
    if (redacted.length === 0) continue;
    const rewrite = { revision: event.revision, data, metadata: { ...event.metadata, salts } };
    if (expectedHash({ ...event, ...rewrite }) !== event.hash) throw new RewriteChangesHashError(event.streamId, event.revision);
    rewrites.push(rewrite);
  }
  return rewrites;
}

/** Reads the stream, works out the rewrites and has the store make them (and erase what they replace). */
export async function eraseValues(store: EventStore, streamId: string, targets: readonly ErasureTarget[], replacement: unknown): Promise<number> {
  if (!store.rewriteEvents) throw new TypeError('This event store keeps its events immutable: values cannot be erased from it');
  if (targets.length === 0) return 0;
  const revisions = targets.map((target) => target.revision);
  const events: StoredEvent[] = [];
  for await (const event of store.readStream(streamId, { fromRevision: Math.min(...revisions), toRevision: Math.max(...revisions) })) events.push(event);
  const rewrites = erasureRewrites(events, targets, replacement);
  if (rewrites.length > 0) await store.rewriteEvents(streamId, rewrites);
  return rewrites.length;
}
