import { EventStoreUnavailableError } from '@story-tracker/event-store';
import { ApiError } from './api-error';

/** Seconds a client is asked to wait: about how long a restarting database takes to answer again. */
export const STORE_RETRY_AFTER_SECONDS = 2;

/**
 * The event store could not be reached (a database restarting, a network cut): a 503 to retry, never
 * a 500. When the connection broke during the commit itself nobody can say whether the change was
 * recorded; the answer says so, and that a retry with the same Idempotency-Key is safe either way.
 */
export function storeUnavailable(error: EventStoreUnavailableError): ApiError {
  const detail = error.outcomeUnknown
    ? 'The event store stopped answering while your change was being recorded, so it may or may not be on record. Send it again with the same Idempotency-Key: you get the first answer if it was recorded, and it is recorded once if it was not'
    : 'The event store cannot be reached just now; nothing was recorded. Try again shortly';
  return new ApiError('StoreUnavailable', detail, { outcomeUnknown: error.outcomeUnknown }, { 'retry-after': String(STORE_RETRY_AFTER_SECONDS) });
}

/** The error as the API answers it: a store outage becomes its 503, anything else stays as it is. */
export function asAnswerable(exception: unknown): unknown {
  return exception instanceof EventStoreUnavailableError ? storeUnavailable(exception) : exception;
}
