/**
 * Group commit: appends that arrive together share one durable commit. The commit (an fsync on
 * SQLite, a WAL flush on PostgreSQL) is what an append costs; ten appends in one transaction cost
 * about as much as one. Each append keeps its own checks (a savepoint each, in the adapter), so one
 * refused append never fails another: the adapter's `commit` answers every request on its own.
 *
 * Requests are taken in the order they were submitted, and a batch is committed in that order: a
 * caller may submit an append that builds on one submitted just before it, to the same stream, and
 * both land in the same commit (the write path's pipelining relies on it).
 */

/** What a batch commit says of one request: its result, or why it alone was refused. */
export type BatchOutcome<Result> = { readonly ok: true; readonly result: Result } | { readonly ok: false; readonly error: unknown };

export interface GroupCommitOptions<Request, Result> {
  /**
   * Commits the requests in one transaction, in order, and answers each. Throwing fails them all
   * (the transaction did not commit).
   */
  readonly commit: (requests: readonly Request[]) => readonly BatchOutcome<Result>[] | Promise<readonly BatchOutcome<Result>[]>;
  /** The most requests in one transaction; the rest wait for the next one (default 256). */
  readonly maxBatch?: number;
}

interface Waiting<Request, Result> {
  readonly request: Request;
  readonly resolve: (result: Result) => void;
  readonly reject: (error: unknown) => void;
}

export class GroupCommit<Request, Result> {
  private waiting: Waiting<Request, Result>[] = [];
  private scheduled = false;
  /** The batch being committed, when the commit is asynchronous; the next one waits for it. */
  private inFlight: Promise<void> | undefined;
  private readonly maxBatch: number;

  constructor(private readonly options: GroupCommitOptions<Request, Result>) {
    this.maxBatch = options.maxBatch ?? 256;
  }

  /**
   * Queues a request for the next commit. Everything submitted in the same turn of the event loop
   * (and, for an asynchronous commit, while the previous batch is committing) goes in together.
   */
  submit(request: Request): Promise<Result> {
    return new Promise<Result>((resolve, reject) => {
      this.waiting.push({ request, resolve, reject });
      this.schedule();
    });
  }

  /** Commits whatever is waiting now, and waits for a batch in flight; for closing the store. */
  async drain(): Promise<void> {
    while (this.waiting.length > 0 || this.inFlight) {
      if (this.inFlight) await this.inFlight;
      else await this.flush();
    }
  }

  private schedule(): void {
    if (this.scheduled || this.inFlight) return;
    this.scheduled = true;
    // setImmediate, not a microtask: requests read from other sockets in the same poll phase get to
    // submit before the batch is cut.
    setImmediate(() => {
      this.scheduled = false;
      void this.flush();
    });
  }

  private async flush(): Promise<void> {
    if (this.inFlight || this.waiting.length === 0) return;
    const batch = this.waiting.slice(0, this.maxBatch);
    this.waiting = this.waiting.slice(batch.length);
    const done = this.commitBatch(batch);
    if (done instanceof Promise) {
      this.inFlight = done.finally(() => {
        this.inFlight = undefined;
        if (this.waiting.length > 0) this.schedule();
      });
      await this.inFlight;
    } else if (this.waiting.length > 0) {
      this.schedule();
    }
  }

  /** Synchronous when the adapter's commit is (SQLite), so nothing else runs between batch and answers. */
  private commitBatch(batch: readonly Waiting<Request, Result>[]): void | Promise<void> {
    let outcomes: readonly BatchOutcome<Result>[] | Promise<readonly BatchOutcome<Result>[]>;
    try {
      outcomes = this.options.commit(batch.map((waiting) => waiting.request));
    } catch (error) {
      for (const waiting of batch) waiting.reject(error);
      return;
    }
    if (!(outcomes instanceof Promise)) return answer(batch, outcomes);
    return outcomes.then(
      (settled) => answer(batch, settled),
      (error: unknown) => {
        for (const waiting of batch) waiting.reject(error);
      },
    );
  }
}

function answer<Request, Result>(batch: readonly Waiting<Request, Result>[], outcomes: readonly BatchOutcome<Result>[]): void {
  batch.forEach((waiting, index) => {
    const outcome = outcomes[index];
    if (!outcome) waiting.reject(new Error('The batch commit gave no answer for this append'));
    else if (outcome.ok) waiting.resolve(outcome.result);
    else waiting.reject(outcome.error);
  });
}
