/** A key that can stand in a dotted path as it is: an identifier (dashes allowed) or an array index. */
const PLAIN_KEY = /^(?:[A-Za-z_$][\w$-]*|\d+)$/;

/**
 * The path of a field as a 400 names it: `source.url`, `participants.1`, and any other key quoted in
 * brackets (`["source.name"]`, `changes["count "]`), so that a key holding a dot is never mistaken for
 * a nested field.
 */
export function fieldPath(prefix: string | undefined, key: string): string {
  if (PLAIN_KEY.test(key)) return prefix === undefined ? key : `${prefix}.${key}`;
  return `${prefix ?? ''}[${JSON.stringify(key)}]`;
}
