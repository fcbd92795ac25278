import microdiff, { type Difference } from 'microdiff';
import type { StoryDocument } from '../document/story-document';

/** One change between two state documents, addressed by an RFC 6901 JSON Pointer. */
export interface DocumentChange {
  readonly op: 'add' | 'remove' | 'replace';
  readonly path: string;
  readonly before?: unknown;
  readonly after?: unknown;
}

type Key = string | number;

/**
 * What changed from one state document to another. Collections are objects keyed by id, so a path
 * names the entry (`/meetings/m1/status`); a new entry is one `add` carrying the whole entry, a
 * removed one one `remove`; an array of plain values (participants, tags, rejectedBy, …) changes as
 * one `replace` of the whole array. Changes come in document key order.
 *
 * The walk is microdiff's (small, no dependencies, CommonJS build); it addresses array items by
 * index, so every change inside an array is folded into a replace of that array, and it lists the
 * additions of an object after its other changes, so the result is put back into document order.
 */
export function diffDocuments(before: StoryDocument, after: StoryDocument): DocumentChange[] {
  const seen = new Set<string>();
  const changes: { keys: Key[]; change: DocumentChange }[] = [];
  const [older, newer] = withoutSharedEntries(before as unknown as Record<string, unknown>, after as unknown as Record<string, unknown>);
  for (const difference of microdiff(older, newer)) {
    const keys = upToFirstArray(difference.path, before, after);
    const path = toJsonPointer(keys);
    if (seen.has(path)) continue;
    seen.add(path);
    const change = keys.length < difference.path.length ? changeAt(keys, before, after) : fromDifference(path, difference);
    if (change) changes.push({ keys, change });
  }
  const order = documentOrder(before, after);
  return changes.sort((a, b) => order(a.keys, b.keys)).map(({ change }) => change);
}

/** RFC 6901: `~` → `~0`, `/` → `~1`, each key after a `/`. */
export function toJsonPointer(keys: readonly Key[]): string {
  return keys.map((key) => `/${String(key).replace(/~/g, '~0').replace(/\//g, '~1')}`).join('');
}

function fromDifference(path: string, difference: Difference): DocumentChange | undefined {
  switch (difference.type) {
    case 'CREATE':
      return difference.value === undefined ? undefined : { op: 'add', path, after: difference.value };
    case 'REMOVE':
      return difference.oldValue === undefined ? undefined : { op: 'remove', path, before: difference.oldValue };
    case 'CHANGE':
      // A property present but `undefined` is absent in JSON.
      if (difference.oldValue === undefined) return { op: 'add', path, after: difference.value };
      if (difference.value === undefined) return { op: 'remove', path, before: difference.oldValue };
      return { op: 'replace', path, before: difference.oldValue, after: difference.value };
  }
}

/** The value at `keys` on both sides, as one change (used for a whole array). */
function changeAt(keys: readonly Key[], before: unknown, after: unknown): DocumentChange | undefined {
  const path = toJsonPointer(keys);
  const old = valueAt(before, keys);
  const now = valueAt(after, keys);
  if (old === undefined) return now === undefined ? undefined : { op: 'add', path, after: now };
  if (now === undefined) return { op: 'remove', path, before: old };
  return { op: 'replace', path, before: old, after: now };
}

/** The path cut just after the first array on either side, or the whole path if it crosses none. */
function upToFirstArray(path: readonly Key[], before: unknown, after: unknown): Key[] {
  let old = before;
  let now = after;
  for (let depth = 0; depth < path.length - 1; depth++) {
    old = child(old, path[depth]!);
    now = child(now, path[depth]!);
    if (Array.isArray(old) || Array.isArray(now)) return path.slice(0, depth + 1);
  }
  return [...path];
}

function valueAt(root: unknown, keys: readonly Key[]): unknown {
  return keys.reduce<unknown>((value, key) => child(value, key), root);
}

function child(value: unknown, key: Key): unknown {
  return value !== null && typeof value === 'object' ? (value as Record<Key, unknown>)[key] : undefined;
}

/**
 * Compares two paths by where their keys stand in the documents: at each level, the keys of the
 * `after` object in its order, then the keys only `before` had, in theirs.
 */
function documentOrder(before: unknown, after: unknown): (a: readonly Key[], b: readonly Key[]) => number {
  const ranks = new Map<unknown, Map<string, number>>();
  const rank = (key: Key, old: unknown, now: unknown): number => {
    const owner = now ?? old;
    let order = ranks.get(owner);
    if (!order) {
      const keysAfter = objectKeys(now);
      const onlyBefore = objectKeys(old).filter((k) => !(k in (now as object ?? {})));
      order = new Map([...keysAfter, ...onlyBefore].map((k, index) => [k, index]));
      ranks.set(owner, order);
    }
    return order.get(String(key)) ?? Number.MAX_SAFE_INTEGER;
  };
  return (a, b) => {
    let old = before;
    let now = after;
    for (let depth = 0; depth < Math.min(a.length, b.length); depth++) {
      const [keyA, keyB] = [a[depth]!, b[depth]!];
      if (keyA !== keyB) return rank(keyA, old, now) - rank(keyB, old, now);
      old = child(old, keyA);
      now = child(now, keyA);
    }
    return a.length - b.length;
  };
}

function objectKeys(value: unknown): string[] {
  return value !== null && typeof value === 'object' ? Object.keys(value) : [];
}

/**
 * The documents with the collection entries both share (the same object, as states that share
 * history do) left out, so that a diff of two revisions of a long story walks only what changed.
 */
function withoutSharedEntries(before: Record<string, unknown>, after: Record<string, unknown>): [Record<string, unknown>, Record<string, unknown>] {
  const older: Record<string, unknown> = { ...before };
  const newer: Record<string, unknown> = { ...after };
  for (const field of Object.keys(after)) {
    const [old, now] = [before[field], after[field]];
    if (!isCollection(old) || !isCollection(now)) continue;
    older[field] = Object.fromEntries(Object.entries(old).filter(([id, entry]) => now[id] !== entry));
    newer[field] = Object.fromEntries(Object.entries(now).filter(([id, entry]) => old[id] !== entry));
  }
  return [older, newer];
}

function isCollection(value: unknown): value is Record<string, unknown> {
  return value !== null && typeof value === 'object' && !Array.isArray(value);
}
