import { END, streamNameFilter, type AllStreamSubscription, type KurrentDBClient } from '@kurrent/kurrentdb-client';

/**
 * The other-processes half of `onCommitted`: one `$all` subscription, filtered on the server to the
 * store's log stream (every append writes there, whoever makes it), from the end. Each event it
 * brings is a wake-up; what was committed is read with `readAll` by the follower, so a wake-up carries
 * nothing and a lost one costs only the follower's poll interval. The subscription runs while someone
 * watches; when the connection drops it is made again, waiting longer each time (up to 5 s).
 */
export class CommitWatcher {
  private readonly watchers = new Set<() => void>();
  private subscription: AllStreamSubscription | undefined;
  private retry: NodeJS.Timeout | undefined;
  private delayMs: number;
  private stopped = false;

  constructor(
    private readonly client: KurrentDBClient,
    private readonly logStream: string,
    private readonly reconnectDelayMs = 100,
  ) {
    this.delayMs = reconnectDelayMs;
  }

  watch(wake: () => void): () => void {
    const watcher = () => wake();
    this.watchers.add(watcher);
    if (!this.subscription && !this.retry) this.start();
    return () => {
      this.watchers.delete(watcher);
      if (this.watchers.size === 0) this.end();
    };
  }

  async stop(): Promise<void> {
    this.stopped = true;
    this.watchers.clear();
    await this.end();
  }

  private start(): void {
    if (this.stopped || this.watchers.size === 0) return;
    const subscription = this.client.subscribeToAll({
      fromPosition: END,
      filter: streamNameFilter({ prefixes: [this.logStream] }),
    });
    this.subscription = subscription;
    subscription.on('data', () => {
      this.delayMs = this.reconnectDelayMs;
      this.wakeAll();
    });
    const dropped = () => {
      if (this.subscription !== subscription) return;
      this.subscription = undefined;
      // Something may have been committed while nobody listened: wake the followers to look.
      this.wakeAll();
      if (this.stopped || this.watchers.size === 0) return;
      this.retry = setTimeout(() => {
        this.retry = undefined;
        this.start();
      }, this.delayMs);
      this.retry.unref();
      this.delayMs = Math.min(this.delayMs * 2, 5000);
    };
    subscription.on('error', dropped);
    subscription.on('end', dropped);
    subscription.on('close', dropped);
  }

  private async end(): Promise<void> {
    if (this.retry) clearTimeout(this.retry);
    this.retry = undefined;
    const subscription = this.subscription;
    this.subscription = undefined;
    try {
      await subscription?.unsubscribe();
    } catch {
      // Already gone with its connection: nothing left to end.
    }
  }

  private wakeAll(): void {
    for (const watcher of [...this.watchers]) {
      try {
        watcher();
      } catch {
        // A wake-up is a hint; one listener's failure is not the others' business.
      }
    }
  }
}
