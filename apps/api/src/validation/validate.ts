import { plainToInstance } from 'class-transformer';
import { validateSync, type ValidationError, type ValidatorOptions } from 'class-validator';
import { validationFailed, type FieldError } from '../errors/api-error';
import { passesCompiledChecks } from './compiled-checks';
import { compiledInstance } from './compiled-transform';
import { fieldPath } from './field-path';
import { unsafeJsonValues } from './unsafe-json-values';

/** Unknown properties are refused, never dropped: a typo in a field name must not lose data. */
export const STRICT: ValidatorOptions = { whitelist: true, forbidNonWhitelisted: true, forbidUnknownValues: true, stopAtFirstError: true };

/**
 * Turns a JSON body into an instance of `type`, or throws a 400 that lists every offending field
 * (nested ones as `source.url`, prefixed with `prefix` when the object sits inside another).
 */
export function validateInput<T extends object>(type: new () => T, input: unknown, options: { prefix?: string; partial?: boolean } = {}): T {
  if (!isPlainObject(input)) {
    throw validationFailed([{ field: options.prefix ?? 'body', messages: ['must be a JSON object'] }]);
  }
  // Bodies were checked as they were parsed; query strings were not. Either way, nothing below ever
  // looks up a property name that objects inherit.
  const unsafe = unsafeJsonValues(input, options.prefix);
  if (unsafe.length > 0) throw validationFailed(unsafe);
  const instance = compiledInstance(type, input) ?? plainToInstance(type, input);
  const skipMissingProperties = options.partial ?? false;
  // Most inputs are valid: a quick pass says so; class-validator itself looks at the rest (and words the errors).
  if (passesCompiledChecks(instance, skipMissingProperties)) return instance;
  const errors = validateSync(instance, { ...STRICT, skipMissingProperties });
  if (errors.length > 0) throw validationFailed(flattenValidationErrors(errors, options.prefix));
  return instance;
}

export function flattenValidationErrors(errors: readonly ValidationError[], prefix?: string): FieldError[] {
  return errors.flatMap((error) => {
    const field = fieldPath(prefix, error.property);
    const own = error.constraints ? [{ field, messages: Object.values(error.constraints).map((message) => message.replace(/^property /, '')) }] : [];
    return [...own, ...flattenValidationErrors(error.children ?? [], field)];
  });
}

export function isPlainObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
