import type { FieldError } from '../errors/api-error';
import { fieldPath } from './field-path';
import { hasLoneSurrogate } from './text-rules';

/**
 * Property names that objects inherit (`constructor`, `hasOwnProperty`, `__proto__`, `toString`…) and
 * `prototype`. A body may not use them as keys: code that reads `value[key]` for such a key gets a
 * function or a prototype instead of the caller's value (class-transformer and class-validator both
 * do), so they are refused before any of it runs, never silently dropped.
 */
export const FORBIDDEN_KEYS: ReadonlySet<string> = new Set([...Object.getOwnPropertyNames(Object.prototype), 'prototype']);

/**
 * Keys that are forbidden and strings (keys or values) that are not well-formed Unicode (a lone
 * surrogate, which `\ud800` in JSON can make), each with its field path (`changes.source.constructor`).
 * Walks with its own stack, never by recursion; `prefix` names where `value` sits.
 */
export function unsafeJsonValues(value: unknown, prefix?: string): FieldError[] {
  const problems: FieldError[] = [];
  const pending: { value: unknown; path: string | undefined }[] = [{ value, path: prefix }];
  for (let next = pending.pop(); next !== undefined; next = pending.pop()) {
    const { value: current, path } = next;
    if (typeof current === 'string') {
      if (hasLoneSurrogate(current)) problems.push({ field: path ?? 'body', messages: [`${path ?? 'body'} must be valid Unicode text (it has a lone surrogate)`] });
    } else if (typeof current === 'object' && current !== null) {
      for (const [key, child] of Object.entries(current)) {
        const childPath = fieldPath(path, key);
        if (FORBIDDEN_KEYS.has(key)) problems.push({ field: childPath, messages: [`${key} is not allowed as a property name`] });
        else if (hasLoneSurrogate(key)) problems.push({ field: childPath, messages: ['property names must be valid Unicode text (this one has a lone surrogate)'] });
        else pending.push({ value: child, path: childPath });
      }
    }
  }
  return problems;
}
