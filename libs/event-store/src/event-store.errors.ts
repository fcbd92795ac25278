/** The stream was not at the revision the writer expected: someone else wrote first. */
export class WrongExpectedRevisionError extends Error {
  constructor(
    readonly streamId: string,
    readonly expectedRevision: number,
    readonly actualRevision: number,
  ) {
    super(`Stream ${streamId} is at revision ${actualRevision}, not ${expectedRevision}`);
    this.name = 'WrongExpectedRevisionError';
  }
}

/** An idempotency key was already kept by a concurrent request; the caller should look it up. */
export class IdempotencyKeyTakenError extends Error {
  constructor(
    readonly scope: string,
    readonly key: string,
  ) {
    super(`Idempotency key ${key} of ${scope} is already taken`);
    this.name = 'IdempotencyKeyTakenError';
  }
}

/**
 * The store could not be reached or did not answer in time (connection refused, lost or timed out,
 * the server shutting down). Nothing about the request is known to have failed on its merits, so the
 * API answers 503 and the caller may retry. When `outcomeUnknown` is true the connection was lost
 * while the append was committing: it may or may not have been stored, so a retry must carry the
 * same idempotency key (which makes it safe either way: the kept answer, or the one append).
 */
export class EventStoreUnavailableError extends Error {
  readonly outcomeUnknown: boolean;

  constructor(message: string, options: { readonly cause?: unknown; readonly outcomeUnknown?: boolean } = {}) {
    super(message, { cause: options.cause });
    this.name = 'EventStoreUnavailableError';
    this.outcomeUnknown = options.outcomeUnknown ?? false;
  }
}

/** A rewrite (redaction) that would change a stored event's hash: refused, nothing written. */
export class RewriteChangesHashError extends Error {
  override readonly name = 'RewriteChangesHashError';
  constructor(
    readonly streamId: string,
    readonly revision: number,
  ) {
    super(`Rewriting ${streamId} revision ${revision} would change its hash: refused`);
  }
}

/** A value to redact in an event sealed before commitments (hash scheme 1): erasing it would break the hash. */
export class RedactionNeedsCommitmentsError extends Error {
  override readonly name = 'RedactionNeedsCommitmentsError';
  constructor(
    readonly streamId: string,
    readonly revision: number,
  ) {
    super(`${streamId} revision ${revision} was recorded before values were sealed with commitments: its values cannot be erased without breaking its hash`);
  }
}
