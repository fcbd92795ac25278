import { subscribeToAll, type AllSubscription, type EventStore, type StoredEvent } from '@story-tracker/event-store';
import type { Projection } from '../projection';

const BATCH_SIZE = 500;

/**
 * Feeds projections from the store's own subscription, from the lowest of their checkpoints: every
 * committed event, whichever instance wrote it, in global order. A projection skips what its
 * checkpoint already covers, so one that is ahead of the others (or a read model that another
 * process on the same DATA_DIR already brought forward) never applies an event twice.
 */
export class ProjectionRunner {
  private subscription: AllSubscription | undefined;

  constructor(
    private readonly store: EventStore,
    private readonly projections: readonly Projection[],
    private readonly onError: (error: unknown) => void = () => undefined,
  ) {}

  /** Catches up with everything committed so far, then follows the store. */
  async start(): Promise<void> {
    this.subscription = subscribeToAll(this.store, {
      afterPosition: this.position(),
      batchSize: BATCH_SIZE,
      onEvents: (events) => this.apply(events),
      onError: this.onError,
    });
    await this.catchUp();
  }

  async stop(): Promise<void> {
    await this.subscription?.close();
    this.subscription = undefined;
  }

  /** The lowest checkpoint of all projections: everything up to it is in every read model. */
  position(): number {
    return Math.min(...this.projections.map((projection) => projection.checkpoint()), Number.MAX_SAFE_INTEGER);
  }

  /** Resolves once every projection has applied the event at `position` (read-your-writes). */
  async waitFor(position: number): Promise<void> {
    if (this.position() >= position) return;
    if (!this.subscription) throw new Error('The projection runner is not started');
    await this.subscription.reached(position);
  }

  /** Resolves once everything committed until now is applied. */
  async catchUp(): Promise<void> {
    await this.waitFor(await this.store.headPosition());
  }

  private apply(events: readonly StoredEvent[]): void {
    for (const projection of this.projections) {
      const unseen = events.filter((event) => event.globalPosition > projection.checkpoint());
      if (unseen.length > 0) projection.apply(unseen);
    }
  }
}
