import { assertAppendArguments, toStorableEvent, toStoredIdempotency, type StorableEvent } from './append-rules';
import type { AppendOptions, ExpectedRevision, IdempotencyRecord, NewEvent } from './event-store.port';

/**
 * Group commit: appends that arrive together share one durable commit. The commit (an fsync on
 * SQLite, a WAL flush on PostgreSQL) is what an append costs; ten appends in one transaction cost
 * about as much as one. Each append keeps its own checks (a savepoint each, in the adapter), so one
 * refused append never fails another: the adapter's `commit` answers every request on its own.
 *
 * Requests are taken in the order they were submitted, and a batch is committed in that order: a
 * caller may submit an append that builds on one submitted just before it to the same stream, and
 * both land in the same commit (the write path pipelines one story's commands so).
 *
 * BUILDING ON AN APPEND IN FLIGHT. An append whose expected revision is the revision an earlier,
 * unanswered append of this instance to the same stream leads to was decided on that append's result
 * (nothing else can have made that revision yet; the newest such append, looked for past any
 * unanswered append with 'any', whose result no one knows yet). If the earlier one fails, the stream may still reach
 * that revision by another writer's events, and then the later one would pass its revision check on
 * a history it never saw. So it is marked as following the earlier one (`follows`), and the adapter
 * refuses it with a conflict when that one failed, in the same batch or an earlier one. (A request
 * that only happened to expect that revision is refused too: a conflict to retry, never a lost update.)
 */

/** One append waiting for a batch, its arguments already checked (what every adapter batches). */
export interface AppendRequest {
  readonly streamId: string;
  readonly events: readonly StorableEvent[];
  readonly expectedRevision: ExpectedRevision;
  readonly idempotency: IdempotencyRecord | undefined;
}

/** An append's arguments checked (refused before anything is read or locked) and its key as it will be kept. */
export function toAppendRequest(streamId: string, events: readonly NewEvent[], options: AppendOptions): AppendRequest {
  assertAppendArguments(streamId, events, options.expectedRevision);
  const idempotency = options.idempotency && toStoredIdempotency(options.idempotency);
  const storable = events.map((event) => toStorableEvent(event, options.sealing));
  return { streamId, events: storable, expectedRevision: options.expectedRevision, idempotency };
}

/** What GroupCommit reads of a request. */
export interface AppendRequestShape {
  readonly streamId: string;
  readonly expectedRevision: ExpectedRevision;
  readonly events: readonly unknown[];
}

/** A request as the adapter gets it in a batch. */
export interface Batched<Request> {
  readonly request: Request;
  /** Index in this batch of the append it builds on (see above). */
  readonly follows?: number;
  /** It builds on an append of an earlier batch, which failed: refuse it. */
  readonly followsAFailure: boolean;
}

/** What a batch commit says of one request: its result, or why it alone was refused. */
export type BatchOutcome<Result> = { readonly ok: true; readonly result: Result } | { readonly ok: false; readonly error: unknown };

export interface GroupCommitOptions<Request, Result> {
  /**
   * Commits the requests in one transaction, in order, and answers each. Throwing fails them all
   * (the transaction did not commit).
   */
  readonly commit: (batch: readonly Batched<Request>[]) => readonly BatchOutcome<Result>[] | Promise<readonly BatchOutcome<Result>[]>;
  /** The most requests in one transaction; the rest wait for the next one (default 256). */
  readonly maxBatch?: number;
}

interface Waiting<Request, Result> {
  readonly request: Request;
  readonly follows: Waiting<Request, Result> | undefined;
  /** Set once answered. */
  failed?: boolean;
  readonly resolve: (result: Result) => void;
  readonly reject: (error: unknown) => void;
}

export class GroupCommit<Request extends AppendRequestShape, Result> {
  private waiting: Waiting<Request, Result>[] = [];
  /** Per stream, the appends of this instance not answered yet, oldest first. */
  private readonly unanswered = new Map<string, Waiting<Request, Result>[]>();
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
      const waiting: Waiting<Request, Result> = { request, follows: this.buildsOn(request), resolve, reject };
      const stream = this.unanswered.get(request.streamId);
      if (stream) stream.push(waiting);
      else this.unanswered.set(request.streamId, [waiting]);
      this.waiting.push(waiting);
      this.schedule();
    });
  }

  /**
   * Resolves when no batch is being committed: at once, or as the one in flight is answered, before
   * the next is cut (that waits for a turn of the event loop). For other writes to the same file,
   * which then find its write lock free instead of sleeping in SQLite's busy handler until it is.
   */
  async betweenBatches(): Promise<void> {
    while (this.inFlight) await this.inFlight;
  }

  /** Commits whatever is waiting now, and waits for a batch in flight; for closing the store. */
  async drain(): Promise<void> {
    while (this.waiting.length > 0 || this.inFlight) {
      if (this.inFlight) await this.inFlight;
      else await this.flush();
    }
  }

  private buildsOn(request: Request): Waiting<Request, Result> | undefined {
    const { expectedRevision } = request;
    if (typeof expectedRevision !== 'number') return undefined;
    const before = this.unanswered.get(request.streamId) ?? [];
    for (let index = before.length - 1; index >= 0; index--) {
      const earlier = before[index]!.request;
      if (typeof earlier.expectedRevision === 'number' && earlier.expectedRevision + earlier.events.length === expectedRevision) return before[index];
    }
    return undefined;
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
    const indexes = new Map(batch.map((waiting, index) => [waiting, index]));
    const requests = batch.map((waiting): Batched<Request> => {
      const follows = waiting.follows && indexes.get(waiting.follows);
      return { request: waiting.request, ...(follows !== undefined && { follows }), followsAFailure: waiting.follows?.failed === true };
    });
    let outcomes: readonly BatchOutcome<Result>[] | Promise<readonly BatchOutcome<Result>[]>;
    try {
      outcomes = this.options.commit(requests);
    } catch (error) {
      return this.failAll(batch, error);
    }
    if (!(outcomes instanceof Promise)) return this.answer(batch, outcomes);
    return outcomes.then(
      (settled) => this.answer(batch, settled),
      (error: unknown) => this.failAll(batch, error),
    );
  }

  private answer(batch: readonly Waiting<Request, Result>[], outcomes: readonly BatchOutcome<Result>[]): void {
    batch.forEach((waiting, index) => {
      const outcome = outcomes[index] ?? { ok: false, error: new Error('The batch commit gave no answer for this append') };
      this.settle(waiting, !outcome.ok);
      if (outcome.ok) waiting.resolve(outcome.result);
      else waiting.reject(outcome.error);
    });
  }

  private failAll(batch: readonly Waiting<Request, Result>[], error: unknown): void {
    for (const waiting of batch) {
      this.settle(waiting, true);
      waiting.reject(error);
    }
  }

  private settle(waiting: Waiting<Request, Result>, failed: boolean): void {
    waiting.failed = failed;
    const stream = this.unanswered.get(waiting.request.streamId);
    const at = stream?.indexOf(waiting) ?? -1;
    if (at >= 0) stream!.splice(at, 1);
    if (stream?.length === 0) this.unanswered.delete(waiting.request.streamId);
  }
}

/** Whether the adapter must refuse this request because the append it builds on failed. */
export function followsFailedAppend<Result>(batched: Batched<unknown>, outcomesSoFar: readonly { readonly ok: boolean }[] | readonly BatchOutcome<Result>[]): boolean {
  return batched.followsAFailure || (batched.follows !== undefined && outcomesSoFar[batched.follows]?.ok === false);
}
