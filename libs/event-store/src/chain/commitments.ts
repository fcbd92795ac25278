import { hash } from 'node:crypto';
import { canonicalJson, quotedKey } from './canonical-json';
import { pooledRandomBytes } from './random-pool';

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
  const bytes = pooledRandomBytes(SALT_BYTES * pointers.length);
  return Object.fromEntries(pointers.map((pointer, index) => [pointer, bytes.subarray(index * SALT_BYTES, (index + 1) * SALT_BYTES).toString('base64')]));
}

/** Where a commitment's input (salt ‖ value) is written: one buffer, grown when a value needs more. */
let scratch = Buffer.allocUnsafe(4096);
/** `scratch.subarray(0, length)` by length, made once each (a new view per leaf was a tenth of its cost). */
let scratchViews: Buffer[] = [];

/**
 * SHA-256(salt ‖ canonical JSON of the value), hex. Taken once per leaf at every seal and every
 * verification, so with no allocation but the answer: the salt's bytes and the value's are written
 * into one buffer and hashed in one call (a third of the time of a Hash object per leaf).
 */
export function commitmentOf(salt: string, value: unknown): string {
  return commitmentOfJson(salt, canonicalJson(value));
}

/** `commitmentOf` with the value's canonical JSON written already. */
function commitmentOfJson(salt: string, json: string): string {
  // Base64 decodes to at most 3/4 of its length; UTF-8 takes at most 3 bytes per UTF-16 code unit.
  const room = salt.length + 3 * json.length;
  if (scratch.length < room) {
    scratch = Buffer.allocUnsafe(Math.max(room, 2 * scratch.length));
    scratchViews = [];
  }
  const saltBytes = scratch.write(salt, 0, 'base64');
  const length = saltBytes + scratch.write(json, saltBytes, 'utf8');
  return hash('sha256', (scratchViews[length] ??= scratch.subarray(0, length)), 'hex');
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

/**
 * `canonicalJson(committedData(data, salts))`, written in one walk over the data with no tree built in
 * between: the verification of every event of hash scheme 2 goes through here. Undefined where
 * committedData is. Plain JSON (as parsed from a row or a body) takes the walk; anything else the way
 * round committedData, so both always give the same answer (a test compares them on random data).
 */
export function committedCanonicalJson(data: unknown, salts: unknown): string | undefined {
  if (typeof salts !== 'object' || salts === null || Array.isArray(salts)) return undefined;
  const walk: CommittedWalk = { salts: salts as Record<string, unknown>, used: 0, broken: false };
  let json: string;
  try {
    json = writeCommitted(data, '', walk);
  } catch (error) {
    if (error !== NOT_PLAIN_JSON) throw error;
    const tree = committedData(data, salts);
    return tree === undefined ? undefined : canonicalJson(tree);
  }
  if (walk.broken || walk.used !== ownKeyCount(walk.salts)) return undefined;
  return json;
}

/** `Object.keys(object).length` without the array. */
function ownKeyCount(object: object): number {
  let count = 0;
  for (const key in object) if (Object.hasOwn(object, key)) count += 1;
  return count;
}

interface CommittedWalk {
  readonly salts: Record<string, unknown>;
  used: number;
  broken: boolean;
}

const NOT_PLAIN_JSON = new Error('not plain JSON');

/** The canonical JSON of one value with its leaves as their commitments (as plainCanonicalJson writes it). */
function writeCommitted(value: unknown, pointer: string, walk: CommittedWalk): string {
  if (typeof value === 'object' && value !== null) {
    if (Array.isArray(value)) {
      let out = '[';
      for (let index = 0; index < value.length; index++) {
        if (index > 0) out += ',';
        out += writeCommitted(value[index], `${pointer}/${index}`, walk);
      }
      return `${out}]`;
    }
    const prototype: unknown = Object.getPrototypeOf(value);
    if ((prototype !== Object.prototype && prototype !== null) || typeof (value as { toJSON?: unknown }).toJSON === 'function') throw NOT_PLAIN_JSON;
    const keys = Object.keys(value);
    if (keys.length > 1) keys.sort();
    let out = '{';
    for (let index = 0; index < keys.length; index++) {
      const key = keys[index]!;
      if (index > 0) out += ',';
      out += quotedKey(key) + ':' + writeCommitted((value as Record<string, unknown>)[key], pointer + '/' + pointerToken(key), walk);
    }
    return `${out}}`;
  }
  const json = leafJson(value);
  const entry = Object.hasOwn(walk.salts, pointer) ? walk.salts[pointer] : undefined;
  walk.used += 1;
  // A commitment is 64 hex digits: its JSON is itself in quotes.
  if (typeof entry === 'string') return `"${commitmentOfJson(entry, json)}"`;
  if (isRedactedEntry(entry)) return `"${entry.redacted}"`;
  walk.broken = true;
  return 'null';
}

/** A leaf's canonical JSON, as plainCanonicalJson writes it; NOT_PLAIN_JSON for anything it refuses. */
function leafJson(value: unknown): string {
  switch (typeof value) {
    case 'string':
      return JSON.stringify(value);
    case 'number':
      if (Number.isFinite(value)) return JSON.stringify(value);
      break;
    case 'boolean':
      return value ? 'true' : 'false';
    case 'object':
      if (value === null) return 'null';
  }
  throw NOT_PLAIN_JSON;
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
  return key.includes('~') || key.includes('/') ? key.replace(/~/g, '~0').replace(/\//g, '~1') : key;
}

function mapLeaves(value: unknown, pointer: string, leaf: (value: unknown, pointer: string) => unknown): unknown {
  if (Array.isArray(value)) return value.map((item, index) => mapLeaves(item, `${pointer}/${index}`, leaf));
  if (typeof value === 'object' && value !== null) {
    return Object.fromEntries(Object.entries(value).map(([key, item]) => [key, mapLeaves(item, `${pointer}/${pointerToken(key)}`, leaf)]));
  }
  return leaf(value, pointer);
}
