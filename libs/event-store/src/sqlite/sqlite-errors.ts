import { IdempotencyKeyTakenError, WrongExpectedRevisionError } from '../event-store.errors';
import type { ExpectedRevision } from '../event-store.port';

/**
 * Turns the SQLite unique violations that guard the store into the port's errors. The store checks
 * revision and key itself under the write lock first, so in normal running these never fire; they are
 * the last line of defence should a writer ever get past that check (a bug, another program writing
 * to the file), and then the caller must still see a conflict, not a storage failure.
 */
export interface ConstraintContext {
  readonly streamId: string;
  readonly expectedRevision: ExpectedRevision;
  readonly idempotency?: { readonly scope: string; readonly key: string };
  /** The revision the failed transaction built on, when it got that far. */
  readonly revisionSeen: number | undefined;
  /** The stream's revision now that the failed transaction is rolled back. */
  readonly actualRevision: () => number;
}

export function translateConstraintError(error: unknown, context: ConstraintContext): unknown {
  if (!isUniqueViolation(error)) return error;
  const message = error.message;
  if (message.includes('events.stream_id') && message.includes('events.revision')) {
    const actual = context.actualRevision();
    // With 'any' the writer expected nothing in particular: report what it built on.
    const expected =
      context.expectedRevision === 'any' ? (context.revisionSeen ?? actual) : context.expectedRevision;
    return new WrongExpectedRevisionError(context.streamId, expected, actual);
  }
  if (message.includes('idempotency_keys.') && context.idempotency) {
    return new IdempotencyKeyTakenError(context.idempotency.scope, context.idempotency.key);
  }
  return error;
}

/**
 * Checked by shape, not with `instanceof`: better-sqlite3's native part keeps the error class of the
 * first JavaScript realm that loaded it, so under jest (one realm per test file, one addon per worker)
 * its errors are often not `instanceof Error` at all.
 */
function isUniqueViolation(error: unknown): error is { code: string; message: string } {
  if (typeof error !== 'object' || error === null) return false;
  const { code, message } = error as { code?: unknown; message?: unknown };
  return (
    typeof message === 'string' && (code === 'SQLITE_CONSTRAINT_UNIQUE' || code === 'SQLITE_CONSTRAINT_PRIMARYKEY')
  );
}
