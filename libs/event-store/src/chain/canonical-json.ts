import { createHash, type Hash } from 'node:crypto';
import canonicalize from 'canonicalize';

/**
 * RFC 8785 canonical JSON: sorted keys, fixed number form, no white space. Every hash over JSON in
 * the tracker (the chain, the audit's state hash, the idempotency fingerprint) goes through here.
 *
 * RFC 8785 refuses strings with lone UTF-16 surrogates, and so does `canonicalize` since version 5.
 * Version 2, which wrote the chains stored before it, wrote them as `JSON.stringify` escapes them
 * (`"\ud800"`), and inputs were not refused then. Such a value is written the old way here, so an
 * event stored with one keeps the hash it was given and its chain still verifies.
 */
export function canonicalJson(value: unknown): string {
  // Nearly every value hashed is plain JSON (parsed from a row or a request body): written directly.
  try {
    return plainCanonicalJson(value);
  } catch {
    // Not plain JSON (a Date, toJSON, undefined, a cycle, very deep nesting…): the library decides.
  }
  return libraryCanonicalJson(value);
}

function libraryCanonicalJson(value: unknown): string {
  let canonical: string | undefined;
  try {
    canonical = canonicalize(value);
  } catch (error) {
    if (!(error instanceof Error && /surrogate/i.test(error.message))) throw error;
    canonical = canonicalJsonWithEscapedSurrogates(value);
  }
  if (canonical === undefined) throw new TypeError('The value cannot be written as JSON');
  return canonical;
}

/** `canonicalJson` of the object without its member `left`, with no copy of the object made. */
export function canonicalJsonWithout(object: Readonly<Record<string, unknown>>, left: string): string {
  try {
    const sink: Sink = { out: '' };
    writePlainObject(object, sink, left);
    return sink.out;
  } catch {
    // Not plain JSON: the library decides, as canonicalJson does.
  }
  const { [left]: _left, ...rest } = object;
  return canonicalJson(rest);
}

/**
 * The canonical form of plain JSON (null, booleans, finite numbers, strings, arrays and objects with
 * Object's prototype or none, no undefined, no toJSON), as `canonicalize` writes it: keys sorted by
 * UTF-16 code unit with `sort()`, numbers and strings as `JSON.stringify` writes them (which for a
 * string with a lone surrogate is the escaped form of canonicalize 2, as the fallback below). Throws
 * on anything else, so the caller can leave that to the library; a test compares both on random JSON.
 */
export function plainCanonicalJson(value: unknown): string {
  const sink: Sink = { out: '' };
  writePlain(value, sink);
  return sink.out;
}

/**
 * SHA-256 (hex) of `canonicalJson(value)`, the JSON written into the hash a chunk at a time instead of
 * as one string: for the multi-MiB state document of a long story's audit about half the time.
 */
export function canonicalJsonSha256(value: unknown): string {
  const hash = createHash('sha256');
  try {
    const sink: Sink = { out: '', hash };
    writePlain(value, sink);
    return hash.update(sink.out, 'utf8').digest('hex');
  } catch {
    // Not plain JSON: the library decides, as canonicalJson does.
  }
  return createHash('sha256').update(canonicalJson(value), 'utf8').digest('hex');
}

/** Where plain canonical JSON is written: a string, handed to `hash` in chunks when there is one. */
interface Sink {
  out: string;
  readonly hash?: Hash;
}

/** Written text handed to the sink's hash past this length. */
const CHUNK_LENGTH = 65_536;

function writePlain(value: unknown, sink: Sink): void {
  switch (typeof value) {
    case 'string':
      sink.out += JSON.stringify(value);
      return;
    case 'number':
      if (!Number.isFinite(value)) throw new TypeError('not plain JSON');
      sink.out += JSON.stringify(value);
      return;
    case 'boolean':
      sink.out += value ? 'true' : 'false';
      return;
    case 'object': {
      if (value === null) {
        sink.out += 'null';
        return;
      }
      if (Array.isArray(value)) {
        sink.out += '[';
        for (let index = 0; index < value.length; index++) {
          if (index > 0) sink.out += ',';
          writePlain(value[index], sink);
        }
        sink.out += ']';
      } else {
        writePlainObject(value as Record<string, unknown>, sink);
      }
      // Only ever after a closing bracket, so a chunk never ends inside a surrogate pair (each chunk
      // is encoded as UTF-8 on its own).
      if (sink.hash && sink.out.length > CHUNK_LENGTH) {
        sink.hash.update(sink.out, 'utf8');
        sink.out = '';
      }
      return;
    }
    default:
      throw new TypeError('not plain JSON');
  }
}

/** An object's members in canonical order, as `writePlain` writes them; the member `left` left out. */
function writePlainObject(value: Readonly<Record<string, unknown>>, sink: Sink, left?: string): void {
  const prototype: unknown = Object.getPrototypeOf(value);
  if ((prototype !== Object.prototype && prototype !== null) || typeof (value as { toJSON?: unknown }).toJSON === 'function') {
    throw new TypeError('not plain JSON');
  }
  const keys = Object.keys(value);
  if (keys.length > 1) keys.sort();
  sink.out += '{';
  let first = true;
  for (const key of keys) {
    if (key === left) continue;
    if (!first) sink.out += ',';
    first = false;
    sink.out += quotedKey(key) + ':';
    writePlain(value[key], sink);
  }
  sink.out += '}';
}

/** Keys seen, with their JSON (`JSON.stringify(key)`): the same few names come back in every event. */
const quotedKeys = new Map<string, string>();
const MAX_QUOTED_KEYS = 4096;

/** `JSON.stringify(key)`, remembered for the first few thousand keys seen. */
export function quotedKey(key: string): string {
  let quoted = quotedKeys.get(key);
  if (quoted === undefined) {
    quoted = JSON.stringify(key);
    if (quotedKeys.size < MAX_QUOTED_KEYS) quotedKeys.set(key, quoted);
  }
  return quoted;
}

/** What canonicalize 2 wrote: the same canonical form, with each string as JSON.stringify escapes it. */
function canonicalJsonWithEscapedSurrogates(value: unknown): string | undefined {
  if (value === null || typeof value !== 'object') return JSON.stringify(value);
  if (Array.isArray(value)) {
    return `[${value.map((item: unknown) => canonicalJsonWithEscapedSurrogates(item === undefined ? null : item) ?? 'null').join(',')}]`;
  }
  const members: string[] = [];
  for (const key of Object.keys(value).sort()) {
    const member = canonicalJsonWithEscapedSurrogates((value as Record<string, unknown>)[key]);
    if (member !== undefined) members.push(`${JSON.stringify(key)}:${member}`);
  }
  return `{${members.join(',')}}`;
}
