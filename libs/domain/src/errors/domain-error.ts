/**
 * Every rule the domain enforces has a name here. The HTTP status for each is decided in one table
 * in the API's error filter, never in the domain.
 */
export const DOMAIN_ERROR_CODES = [
  'StoryAlreadyExists',
  'StoryNotFound',
  'StoryArchived',
  'StoryAlreadyPublished',
  'DevelopmentNotFound',
  'DevelopmentAlreadyExists',
  'DevelopmentRetracted',
  'CorrectionChangesNothing',
  'CorrectionNotAllowed',
  'MeetingNotFound',
  'MeetingAlreadyHeld',
  'MeetingCancelled',
  'DemandNotFound',
  'DemandRejectedBySameParty',
  'DeniedDevelopmentNotFound',
  'RedactionPathNotFound',
  'RedactionNotAllowed',
] as const;

export type DomainErrorCode = (typeof DOMAIN_ERROR_CODES)[number];

/** A broken rule. Thrown by `decide`; `code` names the rule, `details` says which entry broke it. */
export class DomainError extends Error {
  constructor(
    readonly code: DomainErrorCode,
    message: string,
    readonly details: Readonly<Record<string, unknown>> = {},
  ) {
    super(message);
    this.name = 'DomainError';
  }
}

export function isDomainError(error: unknown): error is DomainError {
  return error instanceof DomainError;
}
