/**
 * Errors of the HTTP layer itself (the domain's own rules are `DomainError`s). Like domain errors,
 * they are named values; the status for each is decided in `problem-status.table.ts`.
 */
export const API_ERROR_CODES = [
  'Unauthenticated',
  'Forbidden',
  'TokenInUrl',
  'ValidationFailed',
  'MalformedJson',
  'JsonTooDeep',
  'MalformedUrl',
  'MalformedRequest',
  'PayloadTooLarge',
  'UnsupportedMediaType',
  'RangeNotSatisfiable',
  'UriTooLong',
  'HeadersTooLarge',
  'RequestTimeout',
  'RouteNotFound',
  'MethodNotAllowed',
  'RevisionConflict',
  'IdempotencyKeyReused',
  'RevisionNotFound',
  'TooManyLiveStreams',
  'StoryBusy',
  'StoreUnavailable',
  'Unavailable',
  'CheckpointMalformed',
  'CheckpointNotSigned',
  'RedactionNeedsCommitments',
  'RedactionNotSupported',
  'WatchNotFound',
  'WebhookHostNotAllowed',
] as const;

export type ApiErrorCode = (typeof API_ERROR_CODES)[number];

export class ApiError extends Error {
  constructor(
    readonly code: ApiErrorCode,
    message: string,
    /** Extension members of the problem document (`errors`, `currentRevision`…). */
    readonly extensions: Readonly<Record<string, unknown>> = {},
    /** Response headers the answer needs (`Allow` for a 405, `Retry-After` for a 429). */
    readonly headers: Readonly<Record<string, string>> = {},
  ) {
    super(message);
    this.name = 'ApiError';
  }
}

/** One offending field of a request, as a 400 lists them. */
export interface FieldError {
  readonly field: string;
  readonly messages: readonly string[];
}

export function validationFailed(errors: readonly FieldError[]): ApiError {
  const fields = errors.map((error) => error.field).join(', ');
  return new ApiError('ValidationFailed', `The request has invalid fields: ${fields}`, { errors });
}
