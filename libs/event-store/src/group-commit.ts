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
 * (nothing else can have made that revision yet). If the earlier one fails, the stream may still reach
 * that revision by another writer's events, and then the later one would pass its revision check on
 * a history it never saw. So it is marked as following the earlier one (`follows`), and the adapter
 * refuses it with a conflict when that one failed, in the same batch or an earlier one. (A request
 * that only happened to expect that revision is refused too: a conflict to retry, never a lost update.)
 *
 * BATCHES IN FLIGHT. An adapter whose commit waits on a server (PostgreSQL: two round trips and a WAL
 * flush) may have more than one batch committing at once (`maxInFlight`), the next one taking its locks
 * while the one before writes and commits. An append may then build on one of a batch still in flight:
 * its `followsPending` says, once that one is answered, whether it failed, and the adapter waits for it
 * before its checks (`settleFollows`).
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
  /** It builds on an append of an earlier batch still in flight: whether that one failed, once answered. */
  readonly followsPending?: Promise<boolean>;
}

/**
 * The batch with every `followsPending` waited for and turned into `followsAFailure`: for an adapter
 * with more than one batch in flight, before it checks the batch's expected revisions.
 */
export async function settleFollows<Request>(batch: readonly Batched<Request>[]): Promise<readonly Batched<Request>[]> {
  if (!batch.some((batched) => batched.followsPending)) return batch;
  return Promise.all(
    batch.map(async (batched) => {
      if (!batched.followsPending) return batched;
      const { followsPending, ...settled } = batched;
      return { ...settled, followsAFailure: batched.followsAFailure || (await followsPending) };
    }),
  );
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
  /**
   * Batches committing at once, for an asynchronous commit (default 1). More than one only for an
   * adapter whose commit honours `followsPending` (see settleFollows).
   */
  readonly maxInFlight?: number;
}

interface Waiting<Request, Result> {
  readonly request: Request;
  readonly follows: Waiting<Request, Result> | undefined;
  /** Set once answered. */
  failed?: boolean;
  /** Told whether it failed once answered, when a request of a later batch builds on it (see outcomeOf). */
  answered?: (failed: boolean) => void;
  readonly resolve: (result: Result) => void;
  readonly reject: (error: unknown) => void;
}

export class GroupCommit<Request extends AppendRequestShape, Result> {
  private waiting: Waiting<Request, Result>[] = [];
  /** Per stream, the newest append of this instance not answered yet. */
  private readonly newest = new Map<string, Waiting<Request, Result>>();
  private scheduled = false;
  /** The batches being committed, when the commit is asynchronous; past maxInFlight the next one waits. */
  private readonly inFlight = new Set<Promise<void>>();
  private readonly maxBatch: number;
  private readonly maxInFlight: number;

  constructor(private readonly options: GroupCommitOptions<Request, Result>) {
    this.maxBatch = options.maxBatch ?? 256;
    this.maxInFlight = options.maxInFlight ?? 1;
    if (!Number.isInteger(this.maxInFlight) || this.maxInFlight < 1) throw new RangeError(`maxInFlight must be a positive integer, not ${this.maxInFlight}`);
  }

  /**
   * Queues a request for the next commit. Everything submitted in the same turn of the event loop
   * (and, for an asynchronous commit, while the previous batch is committing) goes in together.
   */
  submit(request: Request): Promise<Result> {
    return new Promise<Result>((resolve, reject) => {
      const waiting: Waiting<Request, Result> = { request, follows: this.buildsOn(request), resolve, reject };
      this.newest.set(request.streamId, waiting);
      this.waiting.push(waiting);
      this.schedule();
    });
  }

  /** Commits whatever is waiting now, and waits for a batch in flight; for closing the store. */
  async drain(): Promise<void> {
    while (this.waiting.length > 0 || this.inFlight.size > 0) {
      this.flush();
      await Promise.all(this.inFlight);
    }
  }

  private buildsOn(request: Request): Waiting<Request, Result> | undefined {
    const before = this.newest.get(request.streamId);
    if (!before || typeof before.request.expectedRevision !== 'number' || typeof request.expectedRevision !== 'number') return undefined;
    return before.request.expectedRevision + before.request.events.length === request.expectedRevision ? before : undefined;
  }

  private schedule(): void {
    if (this.scheduled || this.inFlight.size >= this.maxInFlight) return;
    this.scheduled = true;
    // setImmediate, not a microtask: requests read from other sockets in the same poll phase get to
    // submit before the batch is cut.
    setImmediate(() => {
      this.scheduled = false;
      this.flush();
    });
  }

  /** Cuts and starts batches while there is room in flight; a synchronous commit is done when this returns. */
  private flush(): void {
    while (this.inFlight.size < this.maxInFlight && this.waiting.length > 0) {
      const batch = this.waiting.slice(0, this.maxBatch);
      this.waiting = this.waiting.slice(batch.length);
      const done = this.commitBatch(batch);
      if (!(done instanceof Promise)) {
        // Synchronous (SQLite): the next batch on a later turn, so other requests get to submit.
        if (this.waiting.length > 0) this.schedule();
        return;
      }
      const tracked: Promise<void> = done.finally(() => {
        this.inFlight.delete(tracked);
        if (this.waiting.length > 0) this.schedule();
      });
      this.inFlight.add(tracked);
    }
  }

  /** Synchronous when the adapter's commit is (SQLite), so nothing else runs between batch and answers. */
  private commitBatch(batch: readonly Waiting<Request, Result>[]): void | Promise<void> {
    const indexes = new Map(batch.map((waiting, index) => [waiting, index]));
    const requests = batch.map((waiting): Batched<Request> => {
      const earlier = waiting.follows;
      const follows = earlier && indexes.get(earlier);
      const pending = earlier && follows === undefined && earlier.failed === undefined;
      return { request: waiting.request, ...(follows !== undefined && { follows }), followsAFailure: earlier?.failed === true, ...(pending && { followsPending: outcomeOf(earlier) }) };
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
    waiting.answered?.(failed);
    if (this.newest.get(waiting.request.streamId) === waiting) this.newest.delete(waiting.request.streamId);
  }
}

/** Whether the append turns out to have failed, once it is answered. */
function outcomeOf(waiting: { answered?: (failed: boolean) => void; failed?: boolean }): Promise<boolean> {
  return new Promise((resolve) => {
    const before = waiting.answered;
    waiting.answered = (failed) => {
      before?.(failed);
      resolve(failed);
    };
  });
}

/** Whether the adapter must refuse this request because the append it builds on failed. */
export function followsFailedAppend<Result>(batched: Batched<unknown>, outcomesSoFar: readonly { readonly ok: boolean }[] | readonly BatchOutcome<Result>[]): boolean {
  return batched.followsAFailure || (batched.follows !== undefined && outcomesSoFar[batched.follows]?.ok === false);
}
