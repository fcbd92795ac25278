import type { Database } from 'better-sqlite3';

interface QueuedWork {
  readonly work: () => unknown;
  readonly resolve: (value: unknown) => void;
  readonly reject: (error: unknown) => void;
}

/**
 * Group commit: writes that arrive while one is being queued share one durable transaction, so a
 * burst of appends costs one fsync instead of one each (STACK.md: ~5,000 fsyncs/s is the ceiling of
 * one-commit-per-append). Each write runs in its own savepoint: one that throws is rolled back alone
 * and its caller gets the error; the others commit. Every caller is answered only after the commit.
 */
export class GroupCommit {
  private queue: QueuedWork[] = [];
  private scheduled = false;

  constructor(private readonly db: Database) {}

  submit<T>(work: () => T): Promise<T> {
    return new Promise<T>((resolve, reject) => {
      this.queue.push({ work, resolve: resolve as (value: unknown) => void, reject });
      if (!this.scheduled) {
        this.scheduled = true;
        // After the current turn of the event loop, so that requests parsed meanwhile join this batch.
        setImmediate(() => this.flush());
      }
    });
  }

  /** Commits what is queued now. */
  flush(): void {
    this.scheduled = false;
    const batch = this.queue;
    this.queue = [];
    if (batch.length === 0) return;
    let outcomes: { value?: unknown; error?: unknown; failed: boolean }[];
    try {
      // IMMEDIATE: take the write lock before any write reads the heads it checks (see the adapter).
      outcomes = this.db
        .transaction(() =>
          batch.map(({ work }) => {
            try {
              // A transaction function called inside another runs as a savepoint.
              return { value: this.db.transaction(work)(), failed: false };
            } catch (error) {
              return { error, failed: true };
            }
          }),
        )
        .immediate();
    } catch (error) {
      for (const { reject } of batch) reject(error);
      return;
    }
    batch.forEach(({ resolve, reject }, index) => {
      const outcome = outcomes[index]!;
      if (outcome.failed) reject(outcome.error);
      else resolve(outcome.value);
    });
  }
}
