import { createHash } from 'node:crypto';
import type { FastifyRequest } from 'fastify';
import { canonicalJson } from '@story-tracker/event-store';
import type { Principal } from '../auth/roles';
import { validationFailed, type FieldError } from '../errors/api-error';
import { MAX } from './dto/limits';
import { headerText } from '../validation/header-text';
import { normalizeText, textProblem } from '../validation/text-rules';
import { parseWholeNumber } from '../validation/whole-number';
import type { WriteContext } from './commands/execute-story-command.command';

const MAX_IDEMPOTENCY_KEY = 200;
/** 1 to 200 printable ASCII characters (what a UUID, a ULID or any token a client makes is written with). */
const IDEMPOTENCY_KEY = new RegExp(`^[\\x21-\\x7E](?:[\\x20-\\x7E]{0,${MAX_IDEMPOTENCY_KEY - 2}}[\\x21-\\x7E])?$`);

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
  // A write says everything in its body and headers; a query parameter would be silently ignored.
  const problems: FieldError[] = Object.keys(request.query ?? {}).map((name) => ({ field: name, messages: [`${name}: writes take no query parameters`] }));
  const expectedRevision = parseIfMatch(header(request, 'if-match'), problems);
  const key = header(request, 'idempotency-key');
  if (key !== undefined && !IDEMPOTENCY_KEY.test(key)) {
    problems.push({ field: 'Idempotency-Key', messages: [`Idempotency-Key must be 1 to ${MAX_IDEMPOTENCY_KEY} printable ASCII characters`] });
  }
  // The header is checked even when the body has one too (the body's wins): a bad header is never ignored.
  const fromHeader = headerEditSummary(header(request, 'x-edit-summary'), problems);
  const editSummary = bodyEditSummary ?? fromHeader;
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
  const revision = parseWholeNumber(/^\s*(?:W\/)?"?([^"]*)"?\s*$/.exec(value)?.[1] ?? '');
  if (revision === undefined) problems.push({ field: 'If-Match', messages: ['If-Match must be a revision as sent in ETag, e.g. "7"'] });
  return revision;
}

/** The X-Edit-Summary header under the same text rules as the body's `editSummary`. */
function headerEditSummary(value: string | undefined, problems: FieldError[]): string | undefined {
  if (value === undefined) return undefined;
  const text = normalizeText(headerText(value), 'prose');
  const problem = text.length > MAX.editSummary ? `must be at most ${MAX.editSummary} characters` : textProblem(text, 'prose', { allowEmpty: true });
  if (problem === undefined) return text;
  problems.push({ field: 'X-Edit-Summary', messages: [`X-Edit-Summary ${problem}`] });
  return undefined;
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
