import { subscribeToAllEncoded, type AllSubscription, type EncodedStoredEvent, type EventStore } from '@story-tracker/event-store';
import type { Projection } from '../projection';
import { CatchUpProgress, type CatchUpProgressOptions, type ProgressLog } from './catch-up-progress';

export interface ProjectionRunnerOptions {
  /** Told about a failed read or apply; the batch is offered again. */
  readonly onError?: (error: unknown) => void;
  /** Progress lines of a long catch-up go here (none without it). */
  readonly log?: ProgressLog;
  readonly progress?: CatchUpProgressOptions;
  /**
   * Events read and applied at a time, one read-model transaction each (default 5000): while
   * catching up each batch is full; when following the store it holds what was just committed.
   */
  readonly batchSize?: number;
  /** See AllSubscriptionOptions.gatherMs: for read models no write's answer waits on. */
  readonly gatherMs?: number;
}

/**
 * Feeds projections from the store's own subscription, from the lowest of their checkpoints: every
 * committed event, whichever instance wrote it, in global order. A projection skips what its
 * checkpoint already covers, so one that is ahead of the others (or a read model that another
 * process on the same DATA_DIR already brought forward) never applies an event twice.
 */
export class ProjectionRunner {
  private subscription: AllSubscription | undefined;
  private progress: CatchUpProgress | undefined;
  private readonly options: ProjectionRunnerOptions;

  constructor(
    private readonly store: EventStore,
    private readonly projections: readonly Projection[],
    options: ProjectionRunnerOptions | ((error: unknown) => void) = {},
  ) {
    this.options = typeof options === 'function' ? { onError: options } : options;
  }

  /** Catches up with everything committed so far (logging progress when that is long), then follows the store. */
  async start(): Promise<void> {
    const from = this.position();
    const head = await this.store.headPosition();
    this.progress = new CatchUpProgress(this.options.log, from, head, this.options.progress);
    if (this.progress.logged) this.options.log!.info({ eventsTotal: head - from, position: from, head }, 'Read models catching up with the event store');
    this.subscription = subscribeToAllEncoded(this.store, {
      afterPosition: from,
      batchSize: this.options.batchSize ?? 5000,
      ...(this.options.gatherMs !== undefined && { gatherMs: this.options.gatherMs }),
      onEvents: (events) => this.apply(events),
      onError: this.options.onError ?? (() => undefined),
    });
    await this.waitFor(head);
  }

  async stop(): Promise<void> {
    await this.subscription?.close();
    this.subscription = undefined;
  }

  /** The lowest checkpoint of all projections: everything up to it is in every read model. */
  position(): number {
    return Math.min(...this.projections.map((projection) => projection.checkpoint()), Number.MAX_SAFE_INTEGER);
  }

  /**
   * Resolves once every projection has applied the event at `position` (read-your-writes). Once
   * started, from the subscription's count of what it delivered (each batch is applied to every
   * projection before it counts), not from the checkpoints: a write's answer waits here, and reading
   * them was three queries a write.
   */
  async waitFor(position: number): Promise<void> {
    if (this.subscription) return this.subscription.reached(position);
    if (this.position() >= position) return;
    throw new Error('The projection runner is not started');
  }

  /** Resolves once everything committed until now is applied. */
  async catchUp(): Promise<void> {
    await this.waitFor(await this.store.headPosition());
  }

  private apply(events: readonly EncodedStoredEvent[]): void {
    for (const projection of this.projections) {
      // The checkpoint once per batch (a query), not per event; the projection checks it again in its transaction.
      const checkpoint = projection.checkpoint();
      if (events[events.length - 1]!.globalPosition <= checkpoint) continue;
      projection.apply(events[0]!.globalPosition > checkpoint ? events : events.filter((event) => event.globalPosition > checkpoint));
    }
    this.progress?.reached(events[events.length - 1]!.globalPosition);
  }
}
