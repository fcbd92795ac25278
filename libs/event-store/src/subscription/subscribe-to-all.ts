import { encodeStoredEvent, readAllEncoded } from '../encoded-events';
import type { EncodedStoredEvent, EventStore, StoredEvent } from '../event-store.port';

export interface AllSubscriptionOptions<E extends { readonly globalPosition: number } = StoredEvent> {
  /** Deliver the events after this global position (exclusive): a checkpoint, or 0 for everything. */
  readonly afterPosition: number;
  /**
   * Called with each batch, in global order, never twice for a position; the next batch waits until
   * it has finished. If it throws, the same batch is offered again after `retryDelayMs`.
   */
  readonly onEvents: (events: readonly E[]) => void | Promise<void>;
  /** Told about a failed read or delivery before the subscription tries again. */
  readonly onError?: (error: unknown) => void;
  /** Events read at a time (default 500). */
  readonly batchSize?: number;
  /** The longest wait between two reads when no wake-up comes, so a lost one costs at most this (default 1000 ms). */
  readonly pollIntervalMs?: number;
  /** The wait after a failure before reading again (default 500 ms, doubling up to 10 s). */
  readonly retryDelayMs?: number;
  /**
   * While following, how long new events may gather after a wake-up before they are taken (default
   * 0: at once). For a follower no answer waits on (the verifiable log, alerts): under a steady
   * stream of appends it gets a batch every few dozen milliseconds instead of one per commit, and
   * its fixed cost per batch (a read-model transaction, a tile rewritten) is paid that much less often.
   */
  readonly gatherMs?: number;
}

export interface AllSubscription {
  /** Everything up to this global position has been delivered. */
  position(): number;
  /** Resolves once the events up to `position` are delivered (read-your-writes). */
  reached(position: number): Promise<void>;
  /** Stops; resolves when a delivery in progress has finished. Nothing is delivered afterwards. */
  close(): Promise<void>;
}

const MAX_RETRY_DELAY_MS = 10_000;
const MAX_OWN_EVENTS = 10_000;

/**
 * Follows every committed event of the store, whichever process or machine wrote it: catch up from
 * `afterPosition` with `readAll`, then read again each time the store says something was committed
 * (`onCommitted`), and at least every `pollIntervalMs` in case a wake-up was lost. The store's global
 * order is commit order and has no gaps that fill in later (each adapter makes sure of that), so
 * reading "after the last position delivered" neither skips nor repeats an event. A failed read (the
 * store unreachable) is reported and retried with backoff; the subscription recovers by itself.
 *
 * This instance's own appends are delivered from what the store hands its listeners (`onAppended`)
 * instead of being read back, when they follow on from the last position delivered: positions have
 * no gaps, so nothing can come between. That takes a read off every write's read-your-writes wait.
 * Anything else (another process's events before them) is read as always.
 */
export function subscribeToAll(store: EventStore, options: AllSubscriptionOptions): AllSubscription {
  return new AllStreamSubscription(store, (after, limit) => store.readAll(after, limit), (event) => event, options);
}

/**
 * `subscribeToAll` delivering events with their data and metadata as JSON text (`readAllEncoded`):
 * for a consumer that parses only the few events it needs, such as a read model being rebuilt.
 */
export function subscribeToAllEncoded(store: EventStore, options: AllSubscriptionOptions<EncodedStoredEvent>): AllSubscription {
  return new AllStreamSubscription(store, (after, limit) => readAllEncoded(store, after, limit), encodeStoredEvent, options);
}

class AllStreamSubscription<E extends { readonly globalPosition: number }> implements AllSubscription {
  private delivered: number;
  private closed = false;
  /** The furthest position a wake-up since the last read named (Infinity: one that named none). */
  private wokenTo = 0;
  private wake: () => void = () => undefined;
  /** Ends a gathering pause under way (see gather). */
  private endGathering: () => void = () => undefined;
  private readonly waiters = new Set<{ position: number; resolve: () => void }>();
  private readonly unsubscribe: () => void;
  /** This instance's appends not delivered yet, oldest first (bounded; dropped when it overflows). */
  private own: E[] = [];
  private readonly loop: Promise<void>;

  constructor(
    store: EventStore,
    private readonly read: (afterPosition: number, limit: number) => Promise<E[]>,
    /** This instance's appended events as `read` would give them. */
    private readonly asRead: (event: StoredEvent) => E,
    private readonly options: AllSubscriptionOptions<E>,
  ) {
    this.delivered = options.afterPosition;
    const committed = store.onCommitted((position) => this.nudge(position));
    const appended = store.onAppended((events) => this.keep(events));
    this.unsubscribe = () => {
      committed();
      appended();
    };
    this.loop = this.run();
  }

  position(): number {
    return this.delivered;
  }

  reached(position: number): Promise<void> {
    if (this.delivered >= position || this.closed) return Promise.resolve();
    // Someone waits: events gathering (gatherMs) are taken now.
    this.endGathering();
    return new Promise((resolve) => this.waiters.add({ position, resolve }));
  }

  async close(): Promise<void> {
    if (!this.closed) {
      this.closed = true;
      this.unsubscribe();
      this.nudge();
      this.endGathering();
      for (const waiter of this.waiters) waiter.resolve();
      this.waiters.clear();
    }
    await this.loop;
  }

  /**
   * A commit happened (up to `position`, when the store says). One this subscription has read up to
   * already (its own appends, which PostgreSQL's NOTIFY tells again) is nothing to look for: no read.
   */
  private nudge(position = Number.POSITIVE_INFINITY): void {
    this.wokenTo = Math.max(this.wokenTo, position);
    if (position > this.delivered) this.wake();
  }

  private async run(): Promise<void> {
    const batchSize = this.options.batchSize ?? 500;
    const baseDelay = this.options.retryDelayMs ?? 500;
    let failures = 0;
    while (!this.closed) {
      try {
        // Cleared before the read, so a commit that lands during it wakes the next wait at once.
        const named = this.wokenTo;
        this.wokenTo = 0;
        const events = this.takeOwn(batchSize) ?? (await this.ownAfterATurn(named, batchSize)) ?? (await this.read(this.delivered, batchSize));
        if (this.closed) return;
        if (events.length > 0) {
          await this.options.onEvents(events);
          this.advance(events[events.length - 1]!.globalPosition);
        }
        failures = 0;
        if (events.length < batchSize) {
          await this.pause(this.options.pollIntervalMs ?? 1000);
          if (this.options.gatherMs && this.waiters.size === 0) await this.gather(this.options.gatherMs);
        }
        // A full batch means more to read at once. A store that answers synchronously (SQLite) would
        // otherwise run a whole catch-up as one chain of microtasks, starving timers and I/O (the
        // log lines of its progress among them) until it is done: let the event loop turn first.
        else await new Promise<void>((resolve) => setImmediate(resolve));
      } catch (error) {
        if (this.closed) return;
        this.options.onError?.(error);
        failures += 1;
        await this.pause(Math.min(baseDelay * 2 ** (failures - 1), MAX_RETRY_DELAY_MS), { ignoreWakeUps: true });
      }
    }
  }

  private keep(events: readonly StoredEvent[]): void {
    this.own.push(...events.map(this.asRead));
    if (this.own.length > MAX_OWN_EVENTS) this.own = [];
  }

  /**
   * Woken by a commit that named its position (PostgreSQL's NOTIFY), which may be this instance's own
   * append heard before its COMMIT's answer was: one turn of the event loop for that answer (and the
   * events it hands over) to come first, instead of reading back what is about to be given.
   */
  private async ownAfterATurn(named: number, limit: number): Promise<E[] | undefined> {
    if (!Number.isFinite(named) || named <= this.delivered) return undefined;
    await new Promise<void>((resolve) => setImmediate(resolve));
    return this.takeOwn(limit);
  }

  /** The own appends right after the last position delivered, or undefined when the store must be read. */
  private takeOwn(limit: number): E[] | undefined {
    const unseen = this.own.findIndex((event) => event.globalPosition > this.delivered);
    this.own = unseen < 0 ? [] : this.own.slice(unseen);
    if (this.own[0]?.globalPosition !== this.delivered + 1) return undefined;
    let count = 1;
    while (count < this.own.length && count < limit && this.own[count]!.globalPosition === this.own[count - 1]!.globalPosition + 1) count++;
    const taken = this.own.slice(0, count);
    this.own = this.own.slice(count);
    return taken;
  }

  private advance(position: number): void {
    this.delivered = position;
    for (const waiter of this.waiters) {
      if (waiter.position <= position) {
        this.waiters.delete(waiter);
        waiter.resolve();
      }
    }
  }

  /** Lets events gather for `ms`, unless someone starts waiting for them (reached) or it closes. */
  private gather(ms: number): Promise<void> {
    if (this.closed) return Promise.resolve();
    return new Promise((resolve) => {
      const end = (): void => {
        this.endGathering = () => undefined;
        clearTimeout(timer);
        resolve();
      };
      const timer = setTimeout(end, ms);
      timer.unref();
      this.endGathering = end;
    });
  }

  /** Waits for a wake-up (unless one came already) or the timeout, whichever is first. */
  private pause(ms: number, { ignoreWakeUps = false } = {}): Promise<void> {
    if (this.closed || (this.wokenTo > this.delivered && !ignoreWakeUps)) return Promise.resolve();
    return new Promise((resolve) => {
      const timer = setTimeout(done, ms);
      timer.unref();
      const wake = ignoreWakeUps ? () => (this.closed ? done() : undefined) : done;
      this.wake = wake;
      function done(): void {
        clearTimeout(timer);
        resolve();
      }
    });
  }
}
