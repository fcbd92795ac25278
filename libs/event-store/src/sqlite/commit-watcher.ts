import type { Database } from 'better-sqlite3';
import { notifyListeners } from '../notify-listeners';
import type { Unsubscribe } from '../event-store.port';

/**
 * Notices commits made to the file by other connections (other instances, other processes) with
 * `PRAGMA data_version`, which changes exactly when another connection has committed since the last
 * call and costs a few microseconds. It checks on a short timer, and only while someone listens.
 */
export class CommitWatcher {
  private readonly listeners = new Set<() => void>();
  private timer: NodeJS.Timeout | undefined;
  private lastVersion = 0;

  constructor(
    private readonly db: Database,
    private readonly intervalMs: number,
  ) {}

  watch(listener: () => void): Unsubscribe {
    const subscription = () => listener();
    this.listeners.add(subscription);
    if (!this.timer) this.start();
    return () => {
      this.listeners.delete(subscription);
      if (this.listeners.size === 0) this.stop();
    };
  }

  stop(): void {
    clearInterval(this.timer);
    this.timer = undefined;
  }

  private start(): void {
    this.lastVersion = this.version() ?? 0;
    this.timer = setInterval(() => this.check(), this.intervalMs);
    // Following the file must not keep a process alive that has nothing else to do.
    this.timer.unref();
  }

  private check(): void {
    const version = this.version();
    if (version === undefined || version === this.lastVersion) return;
    this.lastVersion = version;
    notifyListeners(this.listeners, []);
  }

  private version(): number | undefined {
    try {
      return this.db.pragma('data_version', { simple: true }) as number;
    } catch {
      // A busy or closing connection: the next tick looks again.
      return undefined;
    }
  }
}
