import { applyDecorators, type Type } from '@nestjs/common';
import { ApiBody, ApiHeader, ApiOperation, ApiParam, ApiResponse } from '@nestjs/swagger';
import { problemResponse } from '../../openapi/problem.schema';

const WRITE_RESPONSE_SCHEMA = {
  type: 'object',
  required: ['id', 'revision', 'events'],
  properties: {
    id: { type: 'string', example: 'russia-ukraine-standoff' },
    revision: { type: 'integer', example: 7 },
    developmentId: { type: 'string', example: '01JZ6Q3V7C9X4M2B8N5K0T1R6W' },
    events: { type: 'array', items: { type: 'string' }, example: ['TroopEstimateRecorded'] },
  },
};

/** The OpenAPI description every write shares: its headers, its answer and its errors. */
export function WriteDocs(options: { summary: string; body?: Type<unknown>; created?: string; ok?: boolean; conflict?: string; developmentPath?: boolean }) {
  const success = options.ok
    ? ApiResponse({ status: 200, description: 'Applied (or nothing changed); ETag carries the new revision', schema: WRITE_RESPONSE_SCHEMA })
    : ApiResponse({ status: 201, description: `Appended ${options.created}; ETag carries the new revision`, schema: WRITE_RESPONSE_SCHEMA });
  return applyDecorators(
    ApiOperation({ summary: options.summary }),
    ...(options.body ? [ApiBody({ type: options.body })] : []),
    ...(options.developmentPath ? [ApiParam({ name: 'developmentId', example: '01JZ6Q3V7C9X4M2B8N5K0T1R6W' })] : []),
    ApiHeader({ name: 'If-Match', required: false, description: 'The revision the change is based on, as sent in ETag', example: '"7"' }),
    ApiHeader({ name: 'Idempotency-Key', required: false, description: 'Up to 200 characters; a retry with the same key and body gets the first answer again', example: 'b7e4c1d2-macron-meeting' }),
    ApiHeader({ name: 'X-Edit-Summary', required: false, description: 'Why (up to 500 characters); shown in the revision history', example: 'Figure from the White House briefing' }),
    success,
    ApiResponse({ status: 400, ...problemResponse('Malformed JSON or invalid fields; every offending field is listed') }),
    ApiResponse({ status: 401, ...problemResponse('No token or an unknown token') }),
    ApiResponse({ status: 403, ...problemResponse('The token has no editor role') }),
    ApiResponse({ status: 404, ...problemResponse('Unknown story or development') }),
    ...(options.conflict ? [ApiResponse({ status: 409, ...problemResponse(options.conflict) })] : []),
    ApiResponse({ status: 412, ...problemResponse('If-Match names an older revision; nothing was appended', { type: '/problems/revision-conflict', title: 'The story has moved on since the revision in If-Match', status: 412, detail: 'The story is at revision 12; reload it and apply your change again', code: 'RevisionConflict', currentRevision: 12 }) }),
    ApiResponse({ status: 413, ...problemResponse('Body larger than 1 MiB') }),
    ApiResponse({ status: 422, ...problemResponse('A rule is broken (archived story, unknown meeting, key reused…); nothing was appended') }),
  );
}
