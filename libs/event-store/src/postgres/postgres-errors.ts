import { EventStoreUnavailableError, IdempotencyKeyTakenError, WrongExpectedRevisionError } from '../event-store.errors';
import type { ExpectedRevision } from '../event-store.port';

/**
 * Turns what node-postgres throws into the port's errors: unique violations of the constraints that
 * guard the store into conflicts, and every sign that the server cannot be reached (or answered too
 * late) into `EventStoreUnavailableError`, which the API answers with 503.
 */

/** SQLSTATE classes and codes that say "the store is not there", not "the request was wrong". */
const UNAVAILABLE_SQLSTATES = new Set([
  '57P01', // admin_shutdown: the server is stopping, or pg_terminate_backend
  '57P02', // crash_shutdown
  '57P03', // cannot_connect_now: starting up or shutting down
  '57P05', // idle_session_timeout
  '57014', // query_canceled: statement_timeout (or a cancel) — the store did not answer in time
  '55P03', // lock_not_available: lock_timeout
  '25P03', // idle_in_transaction_session_timeout
  '53300', // too_many_connections
  '53000', // insufficient_resources
  '53100', // disk_full
  '53200', // out_of_memory
  '58000', // system_error
  '58030', // io_error
]);

/** Node's socket errors for a server that is down, unreachable or gone. */
const UNAVAILABLE_ERRNOS = new Set([
  'ECONNREFUSED',
  'ECONNRESET',
  'ECONNABORTED',
  'ETIMEDOUT',
  'EPIPE',
  'EHOSTUNREACH',
  'EHOSTDOWN',
  'ENETUNREACH',
  'ENETDOWN',
  'ENOTFOUND',
  'EAI_AGAIN',
  'ENOENT', // a Unix socket that is not there
]);

/** What node-postgres itself says when a connection breaks or a wait runs out. */
const UNAVAILABLE_MESSAGES = [
  /^Connection terminated/, // unexpectedly, or due to connection timeout
  /^timeout exceeded when trying to connect/, // the pool's connectionTimeoutMillis
  /^Query read timeout/, // query_timeout: no answer at all
  /is not queryable/, // a client that already broke
  /^connect E[A-Z]+/,
];

export function isUnavailable(error: unknown): boolean {
  if (error instanceof EventStoreUnavailableError) return true;
  if (typeof error !== 'object' || error === null) return false;
  const { code, message, errors } = error as { code?: unknown; message?: unknown; errors?: unknown };
  if (typeof code === 'string') {
    if (UNAVAILABLE_SQLSTATES.has(code) || UNAVAILABLE_ERRNOS.has(code) || code.startsWith('08')) return true;
  }
  if (typeof message === 'string' && UNAVAILABLE_MESSAGES.some((pattern) => pattern.test(message))) return true;
  // Connecting to "localhost" tries ::1 and 127.0.0.1: Node reports both in an AggregateError.
  if (Array.isArray(errors) && errors.length > 0 && errors.every(isUnavailable)) return true;
  return false;
}

/** The error to throw for a failure of the store itself; any other error is returned as it is. */
export function toUnavailable(error: unknown, doing: string): unknown {
  if (error instanceof EventStoreUnavailableError || !isUnavailable(error)) return error;
  return new EventStoreUnavailableError(`The event store cannot be reached (${doing}): ${messageOf(error)}`, { cause: error });
}

/**
 * COMMIT was sent and the connection broke before its answer came back: the transaction may have
 * committed or not, and nothing this process can do now decides which. The append is refused (never
 * answered as a success it cannot prove); a retry with the same idempotency key then either finds the
 * kept answer (it had committed) or appends once (it had not).
 */
export function commitOutcomeUnknown(error: unknown): EventStoreUnavailableError {
  return new EventStoreUnavailableError(
    `The connection to the event store was lost while the append was committing; it may or may not have been stored (retry with the same idempotency key): ${messageOf(error)}`,
    { cause: error, outcomeUnknown: true },
  );
}

export interface ConstraintContext {
  readonly streamId: string;
  readonly expectedRevision: ExpectedRevision;
  readonly idempotency?: { readonly scope: string; readonly key: string };
  /** The revision the failed transaction built on, when it got that far. */
  readonly revisionSeen: number | undefined;
}

/**
 * The store checks revision and key itself under the log head lock, so in normal running these
 * never fire; they are the last line of defence should a writer get past that check (another program
 * writing to the tables), and then the caller must still see a conflict, not a storage failure.
 * `actualRevision` is read again after the failed transaction rolled back.
 */
export async function translateConstraintError(
  error: unknown,
  context: ConstraintContext,
  actualRevision: () => Promise<number>,
): Promise<unknown> {
  if (!isUniqueViolation(error)) return error;
  if (error.constraint === 'events_stream_revision_key') {
    const actual = await actualRevision();
    // With 'any' the writer expected nothing in particular: report what it built on.
    const expected = context.expectedRevision === 'any' ? (context.revisionSeen ?? actual) : context.expectedRevision;
    return new WrongExpectedRevisionError(context.streamId, expected, actual);
  }
  if (error.constraint === 'idempotency_keys_pkey' && context.idempotency) {
    return new IdempotencyKeyTakenError(context.idempotency.scope, context.idempotency.key);
  }
  return error;
}

function isUniqueViolation(error: unknown): error is { code: string; constraint?: string } {
  return typeof error === 'object' && error !== null && (error as { code?: unknown }).code === '23505';
}

function messageOf(error: unknown): string {
  if (error instanceof Error && error.message) return error.message;
  if (typeof error === 'object' && error !== null && 'code' in error) return String((error as { code: unknown }).code);
  return String(error);
}
