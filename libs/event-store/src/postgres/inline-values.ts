import { escapeLiteral } from 'pg';

/** What a batch statement's parameters may be: text, whole numbers, NULL, and arrays of those. */
export type InlineValue = string | number | null | readonly (string | number | null)[];

/**
 * A parameterized statement with its values written in as SQL literals, so that it can go in one
 * simple-protocol query with other statements (`BEGIN; …; SELECT …` or `…; COMMIT`): one round
 * trip instead of one per statement, which is what a batch of appends waits for. node-postgres's
 * `escapeLiteral` quotes text for a server with standard_conforming_strings on (the default since
 * PostgreSQL 9.1; E'' is used when a backslash is present, so it is safe either way). Every
 * placeholder in our statements carries its own cast (`$2::text[]`), which types the literals.
 */
export function inlineValues(text: string, values: readonly InlineValue[]): string {
  // From the highest number down, so that $1 never eats the start of $12.
  let inlined = text;
  for (let index = values.length; index >= 1; index--) {
    inlined = inlined.replaceAll(`$${index}`, literal(values[index - 1]!));
  }
  return inlined;
}

function literal(value: InlineValue): string {
  if (Array.isArray(value)) return value.length === 0 ? "'{}'" : `ARRAY[${value.map((element) => scalar(element)).join(',')}]`;
  return scalar(value as string | number | null);
}

function scalar(value: string | number | null): string {
  if (value === null) return 'NULL';
  if (typeof value === 'number') {
    if (!Number.isSafeInteger(value)) throw new RangeError(`Only whole numbers are written into a statement, not ${value}`);
    return String(value);
  }
  // PostgreSQL text cannot hold NUL (a parameter would be refused too), and in a query string it
  // would end the string: refuse it here, before anything is sent.
  if (value.includes('\u0000')) throw new TypeError('Text written to PostgreSQL cannot contain the NUL character');
  return escapeLiteral(value);
}
