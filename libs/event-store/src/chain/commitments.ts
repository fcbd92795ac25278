import { createHash, randomBytes } from 'node:crypto';
import { canonicalJson } from './canonical-json';

/**
 * Salted commitments to an event's data, so that a value can be erased while the event's hash, its
 * story's chain and the verifiable log stay exactly as they were (hash scheme 2).
 *
 * Every leaf of the data (a string, number, boolean or null, found by its RFC 6901 JSON Pointer) gets a
 * random 16-byte salt, kept in the event's metadata under `salts`; the hash covers, in place of each
 * leaf, its commitment SHA-256(salt ‖ canonical JSON of the value), and the metadata without `salts`.
 * Redacting a leaf replaces its value (by the domain's "[redacted]") and its salt by `{ "redacted": <commitment> }`:
 * the commitment is all the hash needs, and without the salt nobody can test a guess against it. Who
 * kept the value and its salt (an export made before) can still show that they match the commitment.
 */
export const HASH_SCHEME_PLAIN = 1;
export const HASH_SCHEME_COMMITMENTS = 2;
/** The scheme new events are sealed with. */
export const CURRENT_HASH_SCHEME = HASH_SCHEME_COMMITMENTS;


/** A leaf's salt (16 bytes, base64), or, once redacted, its commitment (64 hex digits). */
export type SaltEntry = string | { readonly redacted: string };
export type Salts = Readonly<Record<string, SaltEntry>>;

const SALT_BYTES = 16;

/** The scheme an event was sealed with: 1 for every event written before commitments existed. */
export function hashSchemeOf(metadata: Readonly<Record<string, unknown>>): number {
  return metadata['hashScheme'] === HASH_SCHEME_COMMITMENTS ? HASH_SCHEME_COMMITMENTS : HASH_SCHEME_PLAIN;
}

/** A fresh salt for every leaf of the data. */
export function saltLeaves(data: unknown): Salts {
  const pointers = leafPointers(data);
  const bytes = randomBytes(SALT_BYTES * pointers.length);
  return Object.fromEntries(pointers.map((pointer, index) => [pointer, bytes.subarray(index * SALT_BYTES, (index + 1) * SALT_BYTES).toString('base64')]));
}

export function commitmentOf(salt: string, value: unknown): string {
  return createHash('sha256').update(Buffer.from(salt, 'base64')).update(canonicalJson(value), 'utf8').digest('hex');
}

/**
 * The data as the hash covers it: each leaf replaced by its commitment. A leaf without a salt entry,
 * or a salt entry without a leaf, cannot be what was sealed: undefined, and the hash will not match.
 */
export function committedData(data: unknown, salts: unknown): unknown {
  if (typeof salts !== 'object' || salts === null || Array.isArray(salts)) return undefined;
  const entries = salts as Record<string, unknown>;
  let used = 0;
  let broken = false;
  const tree = mapLeaves(data, '', (value, pointer) => {
    const entry = Object.hasOwn(entries, pointer) ? entries[pointer] : undefined;
    used += 1;
    if (typeof entry === 'string') return commitmentOf(entry, value);
    if (isRedactedEntry(entry)) return entry.redacted;
    broken = true;
    return null;
  });
  if (broken || used !== Object.keys(entries).length) return undefined;
  return tree;
}

/** The JSON Pointers of every leaf, in document order. */
export function leafPointers(data: unknown): string[] {
  const pointers: string[] = [];
  mapLeaves(data, '', (value, pointer) => {
    pointers.push(pointer);
    return value;
  });
  return pointers;
}

/**
 * The data and salts with the leaves at or under `pointers` redacted: each value replaced by
 * `replacement`, its salt by its commitment. Leaves already redacted stay as they are; a pointer that
 * reaches nothing is reported, not ignored.
 */
export function redactLeaves(data: unknown, salts: Salts, pointers: readonly string[], replacement: unknown): { data: unknown; salts: Salts; redacted: string[]; missing: string[] } {
  const next: Record<string, SaltEntry> = { ...salts };
  const redacted: string[] = [];
  const reached = new Set<string>();
  const underAny = (pointer: string) => pointers.find((target) => pointer === target || pointer.startsWith(`${target}/`));
  const tree = mapLeaves(data, '', (value, pointer) => {
    const target = underAny(pointer);
    if (target === undefined) return value;
    reached.add(target);
    const entry = salts[pointer];
    if (typeof entry !== 'string') return value;
    next[pointer] = { redacted: commitmentOf(entry, value) };
    redacted.push(pointer);
    return replacement;
  });
  return { data: tree, salts: next, redacted, missing: pointers.filter((pointer) => !reached.has(pointer)) };
}

function isRedactedEntry(entry: unknown): entry is { redacted: string } {
  return typeof entry === 'object' && entry !== null && typeof (entry as { redacted?: unknown }).redacted === 'string' && /^[0-9a-f]{64}$/.test((entry as { redacted: string }).redacted);
}

/**
 * RFC 6901: `~` as `~0`, `/` as `~1` (as the domain's formatPointer). Not imported from the domain: this
 * file runs in the SQLite writer thread's import graph, which loads no workspace aliases at run time.
 */
function pointerToken(key: string): string {
  return key.replace(/~/g, '~0').replace(/\//g, '~1');
}

function mapLeaves(value: unknown, pointer: string, leaf: (value: unknown, pointer: string) => unknown): unknown {
  if (Array.isArray(value)) return value.map((item, index) => mapLeaves(item, `${pointer}/${index}`, leaf));
  if (typeof value === 'object' && value !== null) {
    return Object.fromEntries(Object.entries(value).map(([key, item]) => [key, mapLeaves(item, `${pointer}/${pointerToken(key)}`, leaf)]));
  }
  return leaf(value, pointer);
}
