import type { EventStore, Unsubscribe } from '@story-tracker/event-store';
import type { Projection } from '../projection';

const BATCH_SIZE = 500;

/**
 * Feeds projections from the event store: catches up from each one's checkpoint at start, then again
 * whenever events are appended. Catch-ups run one at a time; a request that arrives during one is
 * folded into the next, so no append is missed.
 */
export class ProjectionRunner {
  private running: Promise<void> = Promise.resolve();
  private pending = false;
  private unsubscribe: Unsubscribe | undefined;

  constructor(
    private readonly store: EventStore,
    private readonly projections: readonly Projection[],
    private readonly onError: (error: unknown) => void = () => undefined,
  ) {}

  /** Catches up once, then follows new appends. */
  async start(): Promise<void> {
    this.unsubscribe = this.store.onAppended(() => void this.catchUp().catch(this.onError));
    await this.catchUp();
  }

  stop(): Promise<void> {
    this.unsubscribe?.();
    this.unsubscribe = undefined;
    return this.running.catch(() => undefined);
  }

  /** The lowest checkpoint of all projections: everything up to it is in every read model. */
  position(): number {
    return Math.min(...this.projections.map((projection) => projection.checkpoint()), Number.MAX_SAFE_INTEGER);
  }

  /** Resolves once every projection has applied the event at `position` (read-your-writes). */
  async waitFor(position: number): Promise<void> {
    while (this.position() < position) await this.catchUp();
  }

  catchUp(): Promise<void> {
    if (this.pending) return this.running;
    this.pending = true;
    this.running = this.running
      .catch(() => undefined)
      .then(async () => {
        this.pending = false;
        await this.drain();
      });
    return this.running;
  }

  private async drain(): Promise<void> {
    for (;;) {
      const from = this.position();
      const events = await this.store.readAll(from, BATCH_SIZE);
      if (events.length === 0) return;
      for (const projection of this.projections) {
        const unseen = events.filter((event) => event.globalPosition > projection.checkpoint());
        if (unseen.length > 0) projection.apply(unseen);
      }
    }
  }
}
