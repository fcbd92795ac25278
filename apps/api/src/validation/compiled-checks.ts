import { getMetadataStorage, ValidationTypes, type ValidationArguments } from 'class-validator';
import type { ValidationMetadata } from 'class-validator/types/metadata/ValidationMetadata';

/**
 * A fast first pass over an input, from class-validator's own metadata (the DTOs' decorators stay the
 * one definition of what is valid): it answers "valid" or "ask class-validator", never "invalid".
 * validateSync looks up and groups a class's metadata, allocates an error object per property and an
 * argument object per constraint on every call; it was a fifth of an append's CPU time. Here the
 * lookup is made once per class, and an input is only run through the same constraint functions.
 *
 * It mirrors validateSync under the options validateInput uses (whitelist, forbidNonWhitelisted,
 * forbidUnknownValues; skipMissingProperties for a partial input; no groups, no `always`), and only
 * where it is sure: a class with metadata it does not know, a promise, an array of nested values that
 * are not all objects, or any failing check sends the input to class-validator, which then gives the
 * errors in its own words. validate.unit.spec.ts holds it to that against class-validator on every DTO.
 */
export function passesCompiledChecks(instance: object, skipMissingProperties: boolean): boolean {
  const compiled = compiledFor(instance.constructor);
  return compiled !== undefined && passes(compiled, instance as Record<string, unknown>, skipMissingProperties);
}

/**
 * The properties a class validates (whitelist: any other is refused), or undefined where the quick
 * checks leave the class to class-validator.
 */
export function allowedProperties(target: unknown): ReadonlySet<string> | undefined {
  return compiledFor(target)?.allowed;
}

interface ConstraintCheck {
  readonly metadata: ValidationMetadata;
  readonly validators: readonly { validate(value: unknown, args: ValidationArguments): unknown }[];
}

interface PropertyChecks {
  readonly name: string;
  readonly conditions: readonly ValidationMetadata[];
  readonly defined: readonly ConstraintCheck[];
  readonly custom: readonly ConstraintCheck[];
  readonly nested: boolean;
}

interface CompiledClass {
  readonly allowed: ReadonlySet<string>;
  readonly properties: readonly PropertyChecks[];
}

const KNOWN_TYPES = new Set<string>([
  ValidationTypes.CUSTOM_VALIDATION,
  ValidationTypes.NESTED_VALIDATION,
  ValidationTypes.CONDITIONAL_VALIDATION,
  ValidationTypes.IS_DEFINED,
  ValidationTypes.WHITELIST,
]);

/** Compiled once per class (undefined: not compilable, always ask class-validator). */
const compiledClasses = new Map<unknown, CompiledClass | undefined>();

function compiledFor(target: unknown): CompiledClass | undefined {
  if (!compiledClasses.has(target)) compiledClasses.set(target, typeof target === 'function' ? compile(target as new () => unknown) : undefined);
  return compiledClasses.get(target);
}

function compile(target: new () => unknown): CompiledClass | undefined {
  const storage = getMetadataStorage();
  const metadatas = storage.getTargetValidationMetadatas(target, undefined as unknown as string, false, false, undefined);
  // No metadata is forbidUnknownValues' error; groups, `always` and promises change what runs.
  if (metadatas.length === 0 || metadatas.some((metadata) => !KNOWN_TYPES.has(metadata.type) || metadata.always !== undefined || (metadata.groups?.length ?? 0) > 0)) return undefined;
  const grouped = storage.groupByPropertyName(metadatas);
  const checksOf = (list: ValidationMetadata[]): ConstraintCheck[] =>
    list.map((metadata) => ({
      metadata,
      // Asynchronous constraints are skipped by validateSync (ignoreAsyncValidations).
      validators: storage.getTargetValidatorConstraints(metadata.constraintCls).filter((constraint) => !constraint.async).map((constraint) => constraint.instance),
    }));
  const properties = Object.entries(grouped).map(([name, list]): PropertyChecks => {
    const ofType = (type: string) => list.filter((metadata) => metadata.type === type);
    return {
      name,
      conditions: ofType(ValidationTypes.CONDITIONAL_VALIDATION),
      defined: checksOf(ofType(ValidationTypes.IS_DEFINED)),
      custom: checksOf(ofType(ValidationTypes.CUSTOM_VALIDATION)),
      nested: ofType(ValidationTypes.NESTED_VALIDATION).length > 0,
    };
  });
  return { allowed: new Set(Object.entries(grouped).filter(([, list]) => list.length > 0).map(([name]) => name)), properties };
}

function passes(compiled: CompiledClass, object: Record<string, unknown>, skipMissing: boolean): boolean {
  for (const key of Object.keys(object)) if (!compiled.allowed.has(key)) return false;
  for (const property of compiled.properties) {
    const value = object[property.name];
    if (value instanceof Promise) return false;
    if (!property.conditions.every((condition) => (condition.constraints[0] as (object: unknown, value: unknown) => boolean)(object, value))) continue;
    if (!allHold(property.defined, object, value)) return false;
    if ((value === null || value === undefined) && skipMissing) continue;
    if (!allHold(property.custom, object, value)) return false;
    if (property.nested && !nestedPasses(value, skipMissing)) return false;
  }
  return true;
}

function allHold(checks: readonly ConstraintCheck[], object: Record<string, unknown>, value: unknown): boolean {
  for (const { metadata, validators } of checks) {
    if (metadata.validateIf && !metadata.validateIf(object, value)) continue;
    const args: ValidationArguments = { targetName: object.constructor?.name, property: metadata.propertyName, object, value, constraints: metadata.constraints };
    const each = metadata.each && (Array.isArray(value) || value instanceof Set || value instanceof Map) ? [...(value instanceof Map ? value.values() : value)] : undefined;
    for (const validator of validators) {
      if (each ? !each.every((item) => holds(validator.validate(item, args))) : !holds(validator.validate(value, args))) return false;
    }
  }
  return true;
}

/** A constraint's answer that is a yes here: a promise is not (validateSync would not wait for it). */
function holds(result: unknown): boolean {
  return Boolean(result) && !(result instanceof Promise);
}

/** A nested value that passes: undefined, an object of a compilable class that passes, or a list of such objects. */
function nestedPasses(value: unknown, skipMissing: boolean): boolean {
  if (value === undefined) return true;
  const items = Array.isArray(value) ? value : value instanceof Set ? [...value] : value instanceof Map ? [...value.values()] : undefined;
  if (items) return items.every((item) => isNestedObject(item) && passesCompiledChecks(item, skipMissing));
  return isNestedObject(value) && passesCompiledChecks(value, skipMissing);
}

function isNestedObject(value: unknown): value is object {
  return value instanceof Object && !Array.isArray(value) && !(value instanceof Set) && !(value instanceof Map);
}
