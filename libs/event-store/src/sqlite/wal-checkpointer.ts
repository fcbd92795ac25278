import type { Database } from 'better-sqlite3';

/**
 * Moves committed pages from the WAL into the database file on a timer, off the request path
 * (SQLite's own automatic checkpoint runs inside whichever commit crosses its threshold and costs
 * that request several milliseconds). PASSIVE never waits for readers or writers, so a tick that
 * cannot finish simply leaves the rest for the next one.
 */
export class WalCheckpointer {
  private readonly timer: NodeJS.Timeout;

  constructor(
    private readonly db: Database,
    intervalMs: number,
  ) {
    this.timer = setInterval(() => this.passive(), intervalMs);
    // The timer must not keep a process alive that has nothing else to do.
    this.timer.unref();
  }

  /** Stops the timer and empties the WAL, so the file on disk is complete on its own. */
  stop(): void {
    clearInterval(this.timer);
    // TRUNCATE waits (up to busy_timeout) for other connections, copies everything back and
    // shrinks the WAL to zero bytes.
    this.db.pragma('wal_checkpoint(TRUNCATE)');
  }

  private passive(): void {
    try {
      this.db.pragma('wal_checkpoint(PASSIVE)');
    } catch {
      // A busy or closing database only postpones the checkpoint; the next tick tries again, and
      // close() runs a full one. Throwing from a timer would crash the process for nothing.
    }
  }
}
