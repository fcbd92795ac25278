import { createHash } from 'node:crypto';
import type { FastifyRequest } from 'fastify';
import { canonicalJson } from '@story-tracker/event-store';
import type { Principal } from '../auth/roles';
import { validationFailed, type FieldError } from '../errors/api-error';
import { MAX } from './dto/limits';
import type { WriteContext } from './commands/execute-story-command.command';

const MAX_IDEMPOTENCY_KEY = 200;

/**
 * What the headers of a write ask for: If-Match, Idempotency-Key, X-Edit-Summary (or the body's
 * `editSummary`). Bad header values are a 400, like bad fields.
 */
export function writeContextOf(
  request: FastifyRequest,
  principal: Principal,
  successStatus: 200 | 201,
  bodyEditSummary: string | undefined,
): WriteContext {
  const problems: FieldError[] = [];
  const expectedRevision = parseIfMatch(header(request, 'if-match'), problems);
  const key = header(request, 'idempotency-key');
  if (key !== undefined && (key.length === 0 || key.length > MAX_IDEMPOTENCY_KEY)) {
    problems.push({ field: 'Idempotency-Key', messages: [`Idempotency-Key must be 1 to ${MAX_IDEMPOTENCY_KEY} characters`] });
  }
  const editSummary = bodyEditSummary ?? header(request, 'x-edit-summary');
  if (editSummary !== undefined && editSummary.length > MAX.editSummary) {
    problems.push({ field: 'X-Edit-Summary', messages: [`X-Edit-Summary must be at most ${MAX.editSummary} characters`] });
  }
  if (problems.length > 0) throw validationFailed(problems);
  return {
    actor: principal.actor,
    requestId: String(request.id),
    successStatus,
    ...(expectedRevision !== undefined && { expectedRevision }),
    ...(editSummary !== undefined && editSummary.length > 0 && { editSummary }),
    ...(key !== undefined && { idempotency: { key, fingerprint: fingerprintOf(request) } }),
  };
}

/** `"7"`, `W/"7"` or `7` → 7; `*` asks only that the story exists, which every write checks anyway. */
function parseIfMatch(value: string | undefined, problems: FieldError[]): number | undefined {
  if (value === undefined || value.trim() === '*') return undefined;
  const match = /^\s*(?:W\/)?"?(\d{1,15})"?\s*$/.exec(value);
  if (!match) {
    problems.push({ field: 'If-Match', messages: ['If-Match must be a revision as sent in ETag, e.g. "7"'] });
    return undefined;
  }
  return Number(match[1]);
}

/** The same key may only be retried with the same request: method, path and body. */
function fingerprintOf(request: FastifyRequest): string {
  const path = request.url.split('?')[0];
  return createHash('sha256')
    .update(`${request.method} ${path}\n${canonicalJson(request.body ?? null)}`)
    .digest('hex');
}

function header(request: FastifyRequest, name: string): string | undefined {
  const value = request.headers[name];
  return Array.isArray(value) ? value[0] : value;
}
