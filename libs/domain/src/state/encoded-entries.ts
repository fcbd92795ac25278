import { ChunkedBytes } from './chunked-bytes';

const encoder = new TextEncoder();
const COMMA = 0x2c;
const QUOTE = 0x22;
const decoder = new TextDecoder('utf-8', { fatal: true });

/**
 * How a line's value is made: from its parsed JSON, or (`fromText`) from its JSON text, for a value
 * that parses it itself when it is first read (EstimateMarks: most lines of marks are only appended to).
 */
export type Reviver<V> = ((key: string, json: unknown) => V) | { readonly fromText: (key: string, text: string) => V };

/**
 * A collection of a decoded snapshot, read lazily: its keys, and each entry as the line it was written
 * as (UTF-8 JSON: `"key":value,`, an object's member and its comma, or `value,` alone where the line is
 * never a member of a document), its value made (and kept) the first time it is asked for: parsed, or
 * given the line's text to parse itself when it is read (`Reviver`, the estimate marks). The base
 * of a LayeredMap, which never changes it.
 *
 * Why: a long story's state is tens of MiB of JSON, and a read folds on from it touching a few
 * hundred of its entries. Parsing all of it took most of a read at a random revision (270 ms for the
 * state at 90,000); runs of the document's entries that nothing touched are copied as the bytes they
 * are (`LayeredMap.forEachEncoded`), never parsed at all.
 */
export class EncodedEntries<V> implements ReadonlyMap<string, V> {
  /**
   * How a key's position is found, settled when the entries are made (a key twice is refused then).
   * Keys in ascending order, as development ids (ULIDs, made in record order) are, are
   * searched by bisection, so that a new id, past the last, is known absent at once, until the
   * lookups of keys within them reach a quarter of their number: then, as for keys in any other order,
   * by a Map of every key. That Map costs 30 ms for the 125,000 keys of a state at 90,000, which a
   * short fold, mostly of new ids, never needs. A bisection costs well under a microsecond, so the
   * Map pays only after about half as many lookups as there are keys; switching at a quarter spends at
   * most about half its cost on bisecting first (at a 32nd, building Maps was 3 % of the samples of the
   * bench's reads at random revisions).
   */
  private lookup: ((key: string) => number | undefined) | undefined;
  private searchesLeft = 0;
  private readonly parsed: (V | undefined)[];
  private unparsed: number;
  private readonly bytes: ChunkedBytes;

  /**
   * Line `i`, of `keys[i]`, is `bytes` from `starts[i]` to `starts[i + 1]` (shared, never written),
   * named (a member) or not. `revive` makes a value of it.
   */
  constructor(
    private readonly keyList: readonly string[],
    bytes: Uint8Array | ChunkedBytes,
    private readonly starts: Uint32Array,
    private readonly revive: Reviver<V>,
    readonly named = true,
  ) {
    if (starts.length !== keyList.length + 1) throw new TypeError(`${keyList.length} keys for ${starts.length - 1} lines`);
    this.bytes = ChunkedBytes.of(bytes);
    // What decoding can see without parsing: every line ends in its comma (and a member begins with its
    // name), and every key is a string, once. The bytes themselves are checked where they are stored.
    const byteAt = this.bytes.reader();
    for (let position = 0; position < keyList.length; position++) {
      if (typeof keyList[position] !== 'string' || byteAt(starts[position + 1]! - 1) !== COMMA || (named && byteAt(starts[position]!) !== QUOTE)) {
        throw new TypeError(`Line ${position} (${String(keyList[position])}) is not one of these entries`);
      }
    }
    this.parsed = new Array<V | undefined>(keyList.length);
    this.unparsed = keyList.length;
    this.positionOf('');
  }

  get size(): number {
    return this.keyList.length;
  }

  get [Symbol.toStringTag](): string {
    return 'EncodedEntries';
  }

  has(key: string): boolean {
    return this.positionOf(key) !== undefined;
  }

  get(key: string): V | undefined {
    const position = this.positionOf(key);
    return position === undefined ? undefined : this.valueAt(position);
  }

  /** The position of a key, in order; undefined for a key that is not one of these. */
  indexOf(key: string): number | undefined {
    return this.positionOf(key);
  }

  /** The key at a position, in order. */
  keyAt(position: number): string {
    return this.keyList[position]!;
  }

  /** The lines from `first` to `last` (positions, both included), as they were written: views of the shared bytes, in order. */
  lines(first: number, last: number): Uint8Array[] {
    return this.bytes.views(this.starts[first]!, this.starts[last + 1]!);
  }

  /** The byte length of the line at a position. */
  lineLength(position: number): number {
    return this.starts[position + 1]! - this.starts[position]!;
  }

  valueAt(position: number): V {
    const known = this.parsed[position];
    if (known !== undefined) return known;
    const key = this.keyList[position]!;
    // The line without its comma, and its key and colon if it has them.
    const value = this.bytes.slice(this.starts[position]! + (this.named ? memberNameLength(key) : 0), this.starts[position + 1]! - 1);
    const text = decoder.decode(value);
    const revived = typeof this.revive === 'function' ? this.revive(key, JSON.parse(text)) : this.revive.fromText(key, text);
    this.parsed[position] = revived;
    this.unparsed--;
    return revived;
  }

  forEach(visit: (value: V, key: string, map: ReadonlyMap<string, V>) => void): void {
    this.parseAllOnAWalk();
    for (let position = 0; position < this.keyList.length; position++) visit(this.valueAt(position), this.keyList[position]!, this);
  }

  *entries(): MapIterator<[string, V]> {
    this.parseAllOnAWalk();
    for (let position = 0; position < this.keyList.length; position++) yield [this.keyList[position]!, this.valueAt(position)];
  }

  keys(): MapIterator<string> {
    return this.keyList.values();
  }

  *values(): MapIterator<V> {
    this.parseAllOnAWalk();
    for (let position = 0; position < this.keyList.length; position++) yield this.valueAt(position);
  }

  [Symbol.iterator](): MapIterator<[string, V]> {
    return this.entries();
  }

  /**
   * Before a walk of every value (a document made as objects, a diff), the values not parsed yet in
   * one JSON.parse of all the lines, when they are most of them: half the cost of parsing them one
   * line at a time (30,000 entries of a state at 90,000: 40 against 90 ms). Values parsed before keep
   * their identity.
   */
  private parseAllOnAWalk(): void {
    // Values made from their text parse nothing now: each line is made on its own, when visited.
    const revive = this.revive;
    if (this.unparsed <= this.keyList.length / 2 || typeof revive !== 'function') return;
    const text = textOf(this.lines(0, this.keyList.length - 1)).slice(0, -1);
    const keys = this.keyList;
    if (this.named) {
      // An object's own "__proto__" (JSON.parse makes one) shadows the prototype's accessor.
      const members = JSON.parse(`{${text}}`) as Record<string, unknown>;
      keys.forEach((key, position) => this.keepParsed(position, revive, members[key]));
    } else {
      const values = JSON.parse(`[${text}]`) as unknown[];
      if (values.length !== keys.length) throw new TypeError(`${values.length} values for ${keys.length} keys`);
      values.forEach((value, position) => this.keepParsed(position, revive, value));
    }
  }

  private keepParsed(position: number, revive: (key: string, json: unknown) => V, json: unknown): void {
    if (this.parsed[position] !== undefined) return;
    this.parsed[position] = revive(this.keyList[position]!, json);
    this.unparsed--;
  }

  private positionOf(key: string): number | undefined {
    if (this.lookup === undefined) {
      const ascending = this.inAscendingOrder();
      this.searchesLeft = ascending ? Math.ceil(this.keyList.length / 4) : 0;
      this.lookup = ascending ? (wanted) => this.search(wanted) : this.indexed();
    }
    return this.lookup(key);
  }

  private inAscendingOrder(): boolean {
    const keys = this.keyList;
    for (let position = 1; position < keys.length; position++) if (!(keys[position - 1]! < keys[position]!)) return false;
    return true;
  }

  private search(key: string): number | undefined {
    const keys = this.keyList;
    if (keys.length === 0 || key > keys[keys.length - 1]! || key < keys[0]!) return undefined;
    if (--this.searchesLeft < 0) {
      this.lookup = this.indexed();
      return this.lookup(key);
    }
    let [low, high] = [0, keys.length - 1];
    while (low <= high) {
      const middle = (low + high) >>> 1;
      const found = keys[middle]!;
      if (found === key) return middle;
      if (found < key) low = middle + 1;
      else high = middle - 1;
    }
    return undefined;
  }

  private indexed(): (key: string) => number | undefined {
    const index = new Map<string, number>();
    this.keyList.forEach((key, position) => index.set(key, position));
    // Written from a map, so never; a key twice would make it ambiguous which value is the key's.
    if (index.size !== this.keyList.length) throw new TypeError('A key is given twice');
    return (key) => index.get(key);
  }
}

/** UTF-8 bytes in views one after the other, as text (a character may be split between two views). */
function textOf(views: readonly Uint8Array[]): string {
  if (views.length === 1) return decoder.decode(views[0]);
  const streaming = new TextDecoder('utf-8', { fatal: true });
  return views.map((view) => streaming.decode(view, { stream: true })).join('') + streaming.decode();
}

/** A line of `key` and `value` as EncodedEntries reads it: `"key":value,`, or `value,` unnamed. */
export function encodedLine(key: string, value: unknown, named = true): string {
  return named ? `${JSON.stringify(key)}:${JSON.stringify(value)},` : `${JSON.stringify(value)},`;
}

/** The UTF-8 length of `"key":`. */
function memberNameLength(key: string): number {
  const name = JSON.stringify(key);
  // JSON.stringify escapes every control character, so a name of ASCII alone is as long in bytes.
  for (let index = 0; index < name.length; index++) if (name.charCodeAt(index) > 0x7f) return encoder.encode(name).length + 1;
  return name.length + 1;
}
