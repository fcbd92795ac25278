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
