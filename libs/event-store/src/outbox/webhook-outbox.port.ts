/**
 * The port for the webhook outbox: deliveries waiting to be made, kept in the event store's own
 * database (a table of the SQLite file, of the PostgreSQL database), so they outlive a restart and
 * every instance on the store shares them. Each delivery is one alert to one URL, made at least once:
 *
 * - `enqueue` is idempotent by alert id, so every instance that raises the same alert (they all follow
 *   the same log and give it the same id) makes one row between them;
 * - `claim` leases due rows to one caller at a time; a caller that stops without recording lets its
 *   lease run out, and the row is due again for anyone;
 * - `record` keeps each attempt and what comes next (delivered, tried again at a time, given up).
 *
 * The outbox holds no payload: only ids, the URL and the attempts' bookkeeping. The alert itself is
 * read again at each attempt (so a redaction that rewords it reaches deliveries still pending, and no
 * redacted value waits in this table). Times are milliseconds since the epoch, given by the caller,
 * which decides the backoff too: the outbox only keeps what it is told.
 */

/** What a delivery's row is in. */
export type WebhookDeliveryState = 'pending' | 'delivered' | 'failed' | 'cancelled';

export interface NewWebhookDelivery {
  /** The alert's id: the row's key, and the `webhook-id` of every attempt. */
  readonly alertId: string;
  readonly watchId: string;
  readonly url: string;
  /** When it was handed over; the first attempt is due then. */
  readonly at: number;
}

/** A row leased to the caller, for one attempt. */
export interface ClaimedWebhookDelivery {
  readonly alertId: string;
  readonly watchId: string;
  readonly url: string;
  /** The number of this attempt (1 for the first). */
  readonly attempt: number;
  /** When the first attempt was claimed (this one's `now` when it is the first). */
  readonly firstAttemptAt: number;
  readonly enqueuedAt: number;
  /** Proves the lease to `record` and `release`; another claim of the row gets another. */
  readonly leaseToken: string;
}

export interface ClaimOptions {
  readonly now: number;
  /** At most this many rows. */
  readonly limit: number;
  /** How long the lease holds: longer than an attempt can take. */
  readonly leaseMs: number;
  /**
   * At most this many rows of one watch leased at once (counting leases held by others), so that a
   * receiver that hangs holds up its own deliveries and nobody else's.
   */
  readonly perWatch: number;
}

/** One attempt, as it is listed. */
export interface WebhookAttempt {
  readonly alertId: string;
  readonly attempt: number;
  readonly at: number;
  /** The HTTP status answered, when there was an answer. */
  readonly status?: number;
  /** Why it failed, when it did (no answer in time, refused, a redirect…); never a secret. */
  readonly error?: string;
}

/** What follows an attempt. */
export type AttemptOutcome =
  | { readonly next: 'delivered' }
  | { readonly next: 'retry'; readonly at: number }
  | { readonly next: 'failed' };

/** A row as it stands (for diagnostics and tests). */
export interface WebhookDeliveryStatus {
  readonly alertId: string;
  readonly watchId: string;
  readonly state: WebhookDeliveryState;
  /** Attempts claimed so far (an instance that stopped mid-attempt leaves a number without a record). */
  readonly attempts: number;
  readonly nextAttemptAt: number;
  readonly leasedUntil?: number;
}

export interface WebhookOutbox {
  /** Adds deliveries; one whose alert id is kept already is left as it is (in whatever state). */
  enqueue(deliveries: readonly NewWebhookDelivery[]): Promise<void>;

  /**
   * Leases up to `limit` pending rows that are due and not leased (or whose lease ran out), oldest
   * due first, at most `perWatch` of a watch in flight; each claim counts as an attempt.
   */
  claim(options: ClaimOptions): Promise<ClaimedWebhookDelivery[]>;

  /**
   * Keeps the attempt and, if the caller still holds the lease and the row is pending, what follows
   * (the lease ends). Returns false when the lease was lost (ran out and was claimed again) or the
   * row was cancelled meanwhile: the attempt is kept all the same, the row is left as it is.
   */
  record(claim: Pick<ClaimedWebhookDelivery, 'alertId' | 'leaseToken' | 'attempt' | 'watchId'>, attempt: Omit<WebhookAttempt, 'alertId' | 'attempt'>, outcome: AttemptOutcome): Promise<boolean>;

  /** Gives a lease back without an attempt (nothing was sent): the row is due again at `at`. */
  release(claim: Pick<ClaimedWebhookDelivery, 'alertId' | 'leaseToken'>, at: number): Promise<void>;

  /** Cancels the watch's pending rows (their past attempts stay); returns how many. */
  cancel(watchId: string, now: number): Promise<number>;

  /** The watch's attempts, newest first. */
  attempts(watchId: string, limit: number): Promise<WebhookAttempt[]>;

  /** A row as it stands, or undefined. */
  status(alertId: string): Promise<WebhookDeliveryStatus | undefined>;

  /** Removes rows finished (delivered, failed, cancelled) before `before`, with their attempts; returns how many. */
  prune(before: number): Promise<number>;
}

/** Checks what callers hand over, the same way for every adapter. */
export function assertNewDeliveries(deliveries: readonly NewWebhookDelivery[]): void {
  for (const delivery of deliveries) {
    for (const field of ['alertId', 'watchId', 'url'] as const) {
      if (typeof delivery[field] !== 'string' || delivery[field] === '') throw new RangeError(`A webhook delivery needs ${field}`);
    }
    assertTime(delivery.at, 'at');
  }
}

export function assertClaimOptions({ now, limit, leaseMs, perWatch }: ClaimOptions): void {
  assertTime(now, 'now');
  for (const [name, value] of Object.entries({ limit, leaseMs, perWatch })) {
    if (!Number.isSafeInteger(value) || value < 1) throw new RangeError(`${name} must be a whole number ≥ 1, not ${value}`);
  }
}

export function assertTime(value: number, name: string): void {
  if (!Number.isSafeInteger(value) || value < 0) throw new RangeError(`${name} must be whole milliseconds since the epoch, not ${value}`);
}

/** The longest error text kept for an attempt. */
export const MAX_ATTEMPT_ERROR = 500;

export function attemptError(error: string | undefined): string | null {
  return error === undefined ? null : error.slice(0, MAX_ATTEMPT_ERROR);
}
