import type { DomainErrorCode } from '@story-tracker/domain';
import type { ApiErrorCode } from './api-error';

/** The one table that decides the HTTP status and title of every named error. */
export const PROBLEM_STATUS: Record<DomainErrorCode | ApiErrorCode, { status: number; title: string }> = {
  // Domain rules
  StoryAlreadyExists: { status: 409, title: 'A story with this slug already exists' },
  StoryNotFound: { status: 404, title: 'Story not found' },
  StoryArchived: { status: 422, title: 'The story is archived' },
  StoryAlreadyPublished: { status: 422, title: 'The story is already published' },
  DevelopmentNotFound: { status: 404, title: 'Development not found' },
  DevelopmentAlreadyExists: { status: 409, title: 'The development already exists' },
  DevelopmentRetracted: { status: 422, title: 'The development was retracted' },
  CorrectionChangesNothing: { status: 422, title: 'The correction changes nothing' },
  CorrectionNotAllowed: { status: 422, title: 'The correction may not change these fields' },
  MeetingNotFound: { status: 422, title: 'Unknown meeting' },
  MeetingAlreadyHeld: { status: 422, title: 'The meeting was already held' },
  MeetingCancelled: { status: 422, title: 'The meeting was cancelled' },
  DemandNotFound: { status: 422, title: 'Unknown demand' },
  DemandRejectedBySameParty: { status: 422, title: 'The demand was rejected by the same party' },
  DeniedDevelopmentNotFound: { status: 422, title: 'The denied development is unknown' },
  // HTTP layer
  Unauthenticated: { status: 401, title: 'Authentication required' },
  Forbidden: { status: 403, title: 'Not allowed for this role' },
  TokenInUrl: { status: 400, title: 'Tokens go in the Authorization header, never in the URL' },
  ValidationFailed: { status: 400, title: 'Invalid request' },
  MalformedJson: { status: 400, title: 'Malformed JSON body' },
  JsonTooDeep: { status: 400, title: 'The JSON body is nested too deeply' },
  MalformedUrl: { status: 400, title: 'Malformed URL' },
  MalformedRequest: { status: 400, title: 'Malformed HTTP request' },
  PayloadTooLarge: { status: 413, title: 'Request body too large' },
  UnsupportedMediaType: { status: 415, title: 'Unsupported media type' },
  RangeNotSatisfiable: { status: 416, title: 'The requested range is not in the file' },
  UriTooLong: { status: 414, title: 'A part of the URL is too long' },
  HeadersTooLarge: { status: 431, title: 'Request headers too large' },
  RequestTimeout: { status: 408, title: 'The request took too long to arrive' },
  RouteNotFound: { status: 404, title: 'Not found' },
  MethodNotAllowed: { status: 405, title: 'Method not allowed on this path' },
  RevisionConflict: { status: 412, title: 'The story has moved on since the revision in If-Match' },
  IdempotencyKeyReused: { status: 422, title: 'The idempotency key was used for another request' },
  RevisionNotFound: { status: 404, title: 'Revision not found' },
  TooManyLiveStreams: { status: 429, title: 'Too many live streams open for this token' },
  Unavailable: { status: 503, title: 'Service unavailable' },
};
