import type { EncodedStoredEvent } from '@story-tracker/event-store';

/**
 * A read model fed from the store's global order. `apply` writes the rows for a batch of events and
 * the checkpoint (the last global position applied) together, and skips events its checkpoint already
 * covers, read in that same transaction; so a crash, or another instance sharing the read model,
 * never makes it apply an event twice or skip one.
 *
 * Events arrive with their data and metadata as JSON text: a projection parses only the events it
 * reads (most read models ignore most event types), which is most of the cost of a rebuild.
 */
export interface Projection {
  readonly name: string;
  /** The last global position applied; 0 before the first event. */
  checkpoint(): number;
  apply(events: readonly EncodedStoredEvent[]): void;
}
