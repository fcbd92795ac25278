import type { SchemaObject } from '@nestjs/swagger';

/** OpenAPI schema of the RFC 9457 problem documents every error answers with. */
export const PROBLEM_SCHEMA: SchemaObject = {
  type: 'object',
  required: ['type', 'title', 'status', 'detail', 'code'],
  properties: {
    type: { type: 'string', example: '/problems/meeting-cancelled' },
    title: { type: 'string', example: 'The meeting was cancelled' },
    status: { type: 'integer', example: 422 },
    detail: { type: 'string', example: 'Meeting 01JZ6Q3V7C9X4M2B8N5K0T1R6W was cancelled and cannot be held' },
    code: { type: 'string', example: 'MeetingCancelled' },
    instance: { type: 'string', example: '/stories/russia-ukraine-standoff/developments' },
    errors: {
      type: 'array',
      description: 'For 400: every offending field',
      items: { type: 'object', properties: { field: { type: 'string', example: 'count' }, messages: { type: 'array', items: { type: 'string', example: 'count must not be less than 1' } } } },
    },
    currentRevision: { type: 'integer', description: 'For 412: the revision the story is at now', example: 12 },
  },
};

export function problemResponse(description: string, example?: Record<string, unknown>) {
  return {
    description,
    content: { 'application/problem+json': { schema: PROBLEM_SCHEMA, ...(example && { example }) } },
  };
}
