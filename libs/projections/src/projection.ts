import type { StoredEvent } from '@story-tracker/event-store';

/**
 * A read model fed from the store's global order. `apply` writes the rows for a batch of events and
 * the checkpoint (the last global position applied) together, so a crash never applies an event
 * twice or skips one.
 */
export interface Projection {
  readonly name: string;
  /** The last global position applied; 0 before the first event. */
  checkpoint(): number;
  apply(events: readonly StoredEvent[]): void;
}
