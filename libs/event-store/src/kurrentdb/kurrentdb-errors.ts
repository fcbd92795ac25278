import { ErrorType, WrongExpectedVersionError } from '@kurrent/kurrentdb-client';
import { EventStoreUnavailableError } from '../event-store.errors';
import { fromCurrentState } from './kurrentdb-revisions';

/**
 * Turns what the KurrentDB client throws into the port's errors. "Cannot reach the store" (no node,
 * lost connection, deadline, no leader during an election, failed discovery) becomes
 * `EventStoreUnavailableError`, which the API answers with 503; anything else is a bug or a refusal on
 * its merits and is passed on as it is.
 */
const UNAVAILABLE_TYPES = new Set<string>([
  ErrorType.UNAVAILABLE,
  ErrorType.DEADLINE_EXCEEDED,
  ErrorType.TIMEOUT,
  ErrorType.CANCELLED,
  ErrorType.NOT_LEADER,
]);

/** gRPC status codes of a transport failure: CANCELLED 1, DEADLINE_EXCEEDED 4, RESOURCE_EXHAUSTED 8, UNAVAILABLE 14. */
const UNAVAILABLE_GRPC_CODES = new Set([1, 4, 8, 14]);

const UNAVAILABLE_MESSAGES = [/^Failed to discover after \d+ attempts/, /No connection established/i, /ECONNREFUSED|ECONNRESET|ENOTFOUND|EAI_AGAIN|EHOSTUNREACH/];

export function isUnavailable(error: unknown): boolean {
  if (error instanceof EventStoreUnavailableError) return true;
  if (typeof error !== 'object' || error === null) return false;
  const { type, code, message } = error as { type?: unknown; code?: unknown; message?: unknown };
  if (typeof type === 'string' && UNAVAILABLE_TYPES.has(type)) return true;
  if (typeof type !== 'string' && typeof code === 'number' && UNAVAILABLE_GRPC_CODES.has(code)) return true;
  return typeof message === 'string' && UNAVAILABLE_MESSAGES.some((pattern) => pattern.test(message));
}

/** The error to throw for a failure of the store itself; any other error is returned as it is. */
export function toUnavailable(error: unknown, doing: string, options: { readonly outcomeUnknown?: boolean } = {}): unknown {
  if (error instanceof EventStoreUnavailableError || !isUnavailable(error)) return error;
  const message = options.outcomeUnknown
    ? `The connection to KurrentDB failed while the append was being written; it may or may not have been stored (retry with the same idempotency key): ${messageOf(error)}`
    : `KurrentDB cannot be reached (${doing}): ${messageOf(error)}`;
  return new EventStoreUnavailableError(message, { cause: error, outcomeUnknown: options.outcomeUnknown ?? false });
}

/** A refused expected revision: which KurrentDB stream, and the revision (ours, from 0) it really is at. */
export interface RevisionConflict {
  readonly streamName: string;
  readonly actualRevision: number | undefined;
}

export function revisionConflict(error: unknown): RevisionConflict | undefined {
  const isConflict =
    error instanceof WrongExpectedVersionError ||
    (typeof error === 'object' && error !== null && (error as { type?: unknown }).type === ErrorType.WRONG_EXPECTED_VERSION);
  if (!isConflict) return undefined;
  const { streamName, actualState } = error as { streamName?: unknown; actualState?: unknown };
  return {
    streamName: typeof streamName === 'string' ? streamName : '',
    actualRevision: fromCurrentState(actualState as never),
  };
}

/** A stream that is not there when reading: the client throws instead of yielding nothing. */
export function isStreamNotFound(error: unknown): boolean {
  return typeof error === 'object' && error !== null && (error as { type?: unknown }).type === ErrorType.STREAM_NOT_FOUND;
}

function messageOf(error: unknown): string {
  if (error instanceof Error && error.message) return error.message;
  return String(error);
}
