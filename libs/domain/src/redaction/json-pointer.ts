/**
 * RFC 6901 JSON Pointers, as redactions name fields (`/source/name`, `/names/0`): parsed into
 * reference tokens, looked up, and used to replace what they point at.
 */

/** The tokens of a pointer, or undefined when it is not one ("" is the whole value). */
export function parsePointer(pointer: string): string[] | undefined {
  if (pointer === '') return [];
  if (!pointer.startsWith('/') || /~[^01]|~$/.test(pointer)) return undefined;
  return pointer
    .slice(1)
    .split('/')
    .map((token) => token.replace(/~1/g, '/').replace(/~0/g, '~'));
}

export function formatPointer(tokens: readonly string[]): string {
  return tokens.map((token) => `/${token.replace(/~/g, '~0').replace(/\//g, '~1')}`).join('');
}

/** Whether the pointer reaches a value (own properties and array indexes only). */
export function hasValueAt(value: unknown, tokens: readonly string[]): boolean {
  let current = value;
  for (const token of tokens) {
    if (Array.isArray(current)) {
      if (!/^(0|[1-9][0-9]*)$/.test(token) || Number(token) >= current.length) return false;
      current = current[Number(token)];
    } else if (typeof current === 'object' && current !== null && Object.hasOwn(current, token)) {
      current = (current as Record<string, unknown>)[token];
    } else {
      return false;
    }
  }
  return true;
}

/** A copy of `value` with whatever the tokens reach (every leaf beneath it, for an object) replaced by `leaf`; unchanged where they reach nothing. */
export function replaceAt(value: unknown, tokens: readonly string[], leaf: unknown): unknown {
  if (tokens.length === 0) return replaceLeaves(value, leaf);
  const [head, ...rest] = tokens as [string, ...string[]];
  if (Array.isArray(value)) {
    const index = Number(head);
    if (!/^(0|[1-9][0-9]*)$/.test(head) || index >= value.length) return value;
    return value.map((item, at) => (at === index ? replaceAt(item, rest, leaf) : item));
  }
  if (typeof value === 'object' && value !== null && Object.hasOwn(value, head)) {
    return { ...(value as Record<string, unknown>), [head]: replaceAt((value as Record<string, unknown>)[head], rest, leaf) };
  }
  return value;
}

function replaceLeaves(value: unknown, leaf: unknown): unknown {
  if (Array.isArray(value)) return value.map((item) => replaceLeaves(item, leaf));
  if (typeof value === 'object' && value !== null) return Object.fromEntries(Object.entries(value).map(([key, item]) => [key, replaceLeaves(item, leaf)]));
  return leaf;
}
