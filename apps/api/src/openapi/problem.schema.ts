import type { SchemaObject } from '@nestjs/swagger';
import { PROBLEM_STATUS } from '../errors/problem-status.table';

/** Every `code` a problem document can carry: the named errors of the one status table, and the 500's. */
const PROBLEM_CODES = [...(Object.keys(PROBLEM_STATUS) as (keyof typeof PROBLEM_STATUS)[]), 'InternalError' as const];

/** OpenAPI schema of the RFC 9457 problem documents every error answers with. */
export const PROBLEM_SCHEMA: SchemaObject = {
  type: 'object',
  required: ['type', 'title', 'status', 'detail', 'code'],
  properties: {
    type: { type: 'string', example: '/problems/meeting-cancelled' },
    title: { type: 'string', example: 'The meeting was cancelled' },
    status: { type: 'integer', example: 422 },
    detail: { type: 'string', example: 'Meeting 01JZ6Q3V7C9X4M2B8N5K0T1R6W was cancelled and cannot be held' },
    code: {
      type: 'string',
      enum: PROBLEM_CODES,
      description: `The named rule or condition, with its status: ${PROBLEM_CODES.map((code) => `${code} (${code === 'InternalError' ? 500 : PROBLEM_STATUS[code].status})`).join(', ')}`,
      example: 'MeetingCancelled',
    },
    instance: { type: 'string', example: '/stories/russia-ukraine-standoff/developments' },
    errors: {
      type: 'array',
      description: 'For 400: every offending field',
      items: { type: 'object', properties: { field: { type: 'string', example: 'count' }, messages: { type: 'array', items: { type: 'string', example: 'count must not be less than 1' } } } },
    },
    currentRevision: { type: 'integer', description: 'For 412: the revision the story is at now', example: 12 },
    allow: { type: 'array', items: { type: 'string' }, description: 'For 405: the methods the path answers (also in the Allow header)', example: ['GET', 'HEAD'] },
    limit: { type: 'integer', description: 'For 429 TooManyLiveStreams: how many live streams a token may hold (also see Retry-After)', example: 10 },
    maxDepth: { type: 'integer', description: 'For 400 JsonTooDeep: how deeply a body may nest objects and arrays', example: 16 },
    parameters: { type: 'array', items: { type: 'string' }, description: 'For 400 TokenInUrl: the query parameters that carried a credential', example: ['access_token'] },
  },
};

export function problemResponse(description: string, example?: Record<string, unknown>) {
  return {
    description,
    content: { 'application/problem+json': { schema: PROBLEM_SCHEMA, ...(example && { example }) } },
  };
}
