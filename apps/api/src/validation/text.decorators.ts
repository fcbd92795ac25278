import { applyDecorators } from '@nestjs/common';
import { Transform } from 'class-transformer';
import { registerDecorator, type ValidationArguments } from 'class-validator';
import { nameKey, normalizeText, textProblem, type TextKind } from './text-rules';

/**
 * A text field (or, with `each`, every string of a list) normalised and checked by the text rules
 * (`text-rules.ts`). Values that are not strings are left alone for IsString to refuse.
 */
export function TextRules(kind: TextKind, options: { each?: boolean; allowEmpty?: boolean } = {}) {
  const normalize = (value: unknown) => (typeof value === 'string' ? normalizeText(value, kind) : value);
  return applyDecorators(
    Transform(({ value }) => (options.each && Array.isArray(value) ? value.map(normalize) : normalize(value))),
    constraint('textRules', { each: options.each ?? false }, (value) => (typeof value === 'string' ? textProblem(value, kind, options) : undefined)),
  );
}

/** A list of names (or tags) that names no one twice (see `nameKey`). */
export function NoDuplicateNames() {
  return constraint('noDuplicateNames', {}, (value) => {
    if (!Array.isArray(value)) return undefined;
    const seen = new Map<string, number>();
    for (const [index, entry] of value.entries()) {
      if (typeof entry !== 'string') continue;
      const first = seen.get(nameKey(entry));
      if (first !== undefined) return `must not name the same entry twice (entries ${first} and ${index} are both ${JSON.stringify(entry.trim())})`;
      seen.set(nameKey(entry), index);
    }
    return undefined;
  });
}

/** A class-validator constraint from a function that says what is wrong (a sentence after the field's name), or nothing. */
function constraint(name: string, options: { each?: boolean }, problemOf: (value: unknown) => string | undefined) {
  const problemIn = (value: unknown) => (options.each && Array.isArray(value) ? value.map(problemOf).find((problem) => problem !== undefined) : problemOf(value));
  return (target: object, propertyName: string | symbol) =>
    registerDecorator({
      name,
      target: target.constructor,
      propertyName: String(propertyName),
      options: { ...options, message: (args: ValidationArguments) => `${args.property} ${problemIn(args.value) ?? 'is not valid'}` },
      validator: { validate: (value: unknown) => problemOf(value) === undefined },
    });
}
