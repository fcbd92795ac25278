import type { EventStore, StoredEvent } from '@story-tracker/event-store';
import type { CommittedEventSource } from './live-event-hub';

export interface FollowOptions {
  /** Which events the follower wants (one story's stream, or every story). */
  readonly accepts: (event: StoredEvent) => boolean;
  /** Called with each batch of new events, in global order, never twice for a position. */
  readonly deliver: (events: readonly StoredEvent[]) => void;
  /** Events read per page while catching up from the store. */
  readonly pageSize: number;
}

/**
 * Follows the store from a global position without gap or duplicate: it listens to the source of
 * committed events (the process's one subscription to the store) first and only then reads what came
 * before (`readAll` from the position), holding back what it hears meanwhile; once the backlog is
 * delivered it hands over to the source, passing on only positions beyond the last one delivered.
 * The source delivers every committed event in order, so nothing between the backlog and it is lost.
 *
 * Use: `const follower = new EventFollower(store, source, options)` (listens at once), then
 * `await follower.startAt(position)` (or `startAtHead()`), then `await follower.catchUp()`.
 */
export class EventFollower {
  private readonly unsubscribe: () => void;
  private held: StoredEvent[] | undefined = [];
  /** Everything up to here has been delivered or was never wanted. */
  private position: number | undefined;
  private stopped = false;

  constructor(
    private readonly store: EventStore,
    source: CommittedEventSource,
    private readonly options: FollowOptions,
  ) {
    this.unsubscribe = source.onEvents((events) => {
      if (this.stopped) return;
      if (this.held) this.held.push(...events);
      else this.forward(events);
    });
  }

  /** Start after this global position (a reconnecting client's Last-Event-ID). */
  startAt(afterPosition: number): void {
    this.position = afterPosition;
  }

  /** Start with what is appended from now on. Call after construction, so nothing falls in between. */
  async startAtHead(): Promise<number> {
    this.position = await this.store.headPosition();
    return this.position;
  }

  /** Delivers every wanted event after the start position, then everything live. */
  async catchUp(): Promise<void> {
    if (this.position === undefined) throw new Error('EventFollower: call startAt or startAtHead before catchUp');
    for (;;) {
      const page = await this.store.readAll(this.position, this.options.pageSize);
      if (this.stopped) return;
      this.forward(page);
      if (page.length < this.options.pageSize) break;
    }
    const held = this.held ?? [];
    this.held = undefined;
    this.forward(held);
  }

  /** Stops listening; nothing is delivered afterwards. Safe to call more than once. */
  stop(): void {
    if (this.stopped) return;
    this.stopped = true;
    this.held = undefined;
    this.unsubscribe();
  }

  private forward(events: readonly StoredEvent[]): void {
    const after = this.position ?? Number.POSITIVE_INFINITY;
    const fresh = events.filter((event) => event.globalPosition > after);
    if (fresh.length === 0 || this.stopped) return;
    this.position = fresh[fresh.length - 1]!.globalPosition;
    const wanted = fresh.filter(this.options.accepts);
    if (wanted.length > 0) this.options.deliver(wanted);
  }
}
