import { ChunkedBytes } from '../state/chunked-bytes';
import type { EncodedEntries } from '../state/encoded-entries';
import { encodedLine } from '../state/encoded-entries';
import type { LayeredMap } from '../state/layered-map';
import type { StoryState } from '../state/story-state';
import { COLLECTIONS, headerOf, joined, layoutOf, stateOf, storyFieldsOf, STORY_STATE_CODEC_VERSION, type CollectionLines, type Collection } from './story-state.codec';

/**
 * A story's state written as what changed since a state kept whole (its base): for each collection,
 * runs of the base's lines that are still as they were, and new lines for the rest, in the state's
 * order. Applied to the base's bytes (`decodeStoryStateDelta`) it gives the state exactly as
 * `decodeStoryState(encodeStoryState(state))` would, without the base's size written again.
 *
 * Why: a read at a revision starts from the nearest kept state and folds the events after it. Whole
 * states of a long story are tens of MiB, so they are kept every 10,000 revisions; in between, a fold
 * of up to 9,999 events (≈ 12 µs each) was most of a read. A delta at every 1,000 is a few MiB.
 *
 * The lines are those of the codec; the header is `{ c, b, h, x, k }` with `b` the base's revision and
 * each collection's `k` entry `[name, ops]`, ops a flat list in order: two numbers `first, last` for
 * a run of base lines (positions, both included), a key and a byte length for a line of the delta.
 */
interface DeltaHeader {
  readonly c: number;
  readonly b: number;
  readonly h: ReturnType<typeof storyFieldsOf>['h'];
  readonly x: string[];
  readonly k: [name: string, ops: (number | string)[]][];
}

/** One collection's delta, as gathered from the walk: base runs and new entries, in order. */
type DeltaItem = { readonly first: number; readonly last: number } | readonly [key: string, value: unknown];

/**
 * The delta of `state` over `base` (a state of the same story at a lower revision, whose bytes are
 * kept), in pieces of about `size` entries, or undefined where it cannot be told from the states
 * alone which of the base's lines are still the state's: each collection must be either layered over
 * the base's own decoded lines (the state was folded on from the decoded base), or neither may be
 * layered over decoded lines (both were folded from events, the state on from the base, so that an
 * entry nothing changed since is the very same value in both).
 *
 * The walk over the collections is done before this returns; writing the lines is what the pieces spread.
 */
export function storyStateDelta(state: StoryState, base: StoryState, size = 2000): Iterable<Uint8Array> | undefined {
  if (base.revision >= state.revision || base.id !== state.id) return undefined;
  const items: DeltaItem[][] = [];
  for (const collection of COLLECTIONS) {
    const gathered = deltaItems(collection.of(state), collection.of(base));
    if (!gathered) return undefined;
    items.push(gathered);
  }
  return deltaPieces(state, base.revision, items, size);
}

function* deltaPieces(state: StoryState, baseRevision: number, items: readonly DeltaItem[][], size: number): Generator<Uint8Array> {
  const encoder = new TextEncoder();
  const k: DeltaHeader['k'] = [];
  let piece: Uint8Array[] = [];
  let written = 0;
  for (const [index, collection] of COLLECTIONS.entries()) {
    const ops: (number | string)[] = [];
    for (const item of items[index]!) {
      if (!Array.isArray(item)) {
        const { first, last } = item as { first: number; last: number };
        ops.push(first, last);
        continue;
      }
      const [key, value] = item as readonly [string, unknown];
      const line = encoder.encode(encodedLine(key, (collection as Collection<unknown>).encode(value, key), collection.named));
      ops.push(key, line.byteLength);
      piece.push(line);
      if (++written < size) continue;
      yield joined(piece);
      [piece, written] = [[], 0];
    }
    k.push([collection.name, ops]);
  }
  const header: DeltaHeader = { c: STORY_STATE_CODEC_VERSION, b: baseRevision, ...storyFieldsOf(state), k };
  const headerBytes = encoder.encode(JSON.stringify(header));
  piece.push(headerBytes, encoder.encode(`\n${headerBytes.byteLength}`));
  yield joined(piece);
}

/** One collection's delta items, or undefined where the base's lines cannot be told (see storyStateDelta). */
function deltaItems(map: LayeredMap<string, unknown>, baseMap: LayeredMap<string, unknown>): DeltaItem[] | undefined {
  const encoded = map.encodedBase();
  const baseEncoded = baseMap.encodedBase();
  const items: DeltaItem[] = [];
  if (encoded || baseEncoded) {
    // Folded on from the decoded base: the runs of lines nothing touched are the base's own positions.
    if (!encoded || !baseEncoded?.alone || encoded.base !== baseEncoded.base) return undefined;
    map.forEachEncoded(
      (key, value) => items.push([key, value]),
      (_base: EncodedEntries<unknown>, first, last) => items.push({ first, last }),
    );
    return items;
  }
  // Both folded from events: an entry is still the base's line where it is the same value at its next place.
  const { positions, values } = orderOf(baseMap);
  let run: { first: number; last: number } | undefined;
  map.forEach((value, key) => {
    const position = positions.get(key);
    if (position !== undefined && values[position] === value) {
      if (run && run.last === position - 1) run.last = position;
      else items.push((run = { first: position, last: position }));
      return;
    }
    run = undefined;
    items.push([key, value]);
  });
  return items;
}

/** Each key's position in the map's order, and the values in that order (kept per map: a base serves many deltas). */
const orders = new WeakMap<LayeredMap<string, unknown>, { positions: Map<string, number>; values: unknown[] }>();

function orderOf(map: LayeredMap<string, unknown>): { positions: Map<string, number>; values: unknown[] } {
  let order = orders.get(map);
  if (!order) {
    const positions = new Map<string, number>();
    const values: unknown[] = [];
    map.forEach((value, key) => {
      positions.set(key, values.length);
      values.push(value);
    });
    orders.set(map, (order = { positions, values }));
  }
  return order;
}

/** The revision of the state a delta was written over (read from its header); throws on bytes that are not a delta of this codec. */
export function deltaBaseRevision(delta: Uint8Array | ChunkedBytes): number {
  const { header } = headerOf<DeltaHeader>(delta);
  if (!Number.isSafeInteger(header.b) || header.b < 1) throw new TypeError(`A delta over revision ${String(header.b)}`);
  return header.b;
}

/**
 * The state that `delta` describes over the base whose bytes (`encodeStoryState`'s) are `baseInput`:
 * its lines are the base's and the delta's own, in order, as views of their bytes (nothing is copied),
 * read as a decoded snapshot's are. The state keeps both alive (headers and replaced lines included). Throws on a delta of another base, another codec version, or ops
 * that do not fit the lines.
 */
export function decodeStoryStateDelta(baseInput: Uint8Array | ChunkedBytes, deltaInput: Uint8Array | ChunkedBytes): StoryState {
  const [baseBytes, delta] = [ChunkedBytes.of(baseInput), ChunkedBytes.of(deltaInput)];
  const base = layoutOf(baseBytes);
  const { header, linesEnd } = headerOf<DeltaHeader>(delta);
  if (header.b !== base.header.h[2]) throw new TypeError(`A delta over revision ${header.b}, not ${base.header.h[2]}`);
  if (header.h?.[1] !== base.header.h[1]) throw new TypeError(`A delta of story ${String(header.h?.[1])} over a state of ${base.header.h[1]}`);
  if (!Array.isArray(header.k) || header.k.length !== COLLECTIONS.length) throw new TypeError('A delta with other collections than these');
  // The byte ranges of the lines, in order, one range for lines that follow each other in the same
  // bytes (most new lines do, and the base's runs are long).
  const copies: { from: ChunkedBytes; start: number; end: number }[] = [];
  const copy = (from: ChunkedBytes, start: number, end: number) => {
    const last = copies.at(-1);
    if (last?.from === from && last.end === start) last.end = end;
    else copies.push({ from, start, end });
  };
  let deltaAt = 0;
  let total = 0;
  const lines: CollectionLines[] = COLLECTIONS.map((collection, index) => {
    const [name, ops] = header.k[index]!;
    if (name !== collection.name || !Array.isArray(ops) || ops.length % 2 !== 0) throw new TypeError(`A delta with collection ${name} where ${collection.name} belongs`);
    const { keys: baseKeys, starts: baseStarts } = base.lines[index]!;
    // The ops checked and the lines counted first, so that the keys and starts are written in one pass.
    let count = 0;
    let ahead = deltaAt;
    for (let op = 0; op < ops.length; op += 2) {
      const [first, second] = [ops[op], ops[op + 1]];
      if (typeof first === 'string') {
        if (!Number.isInteger(second) || (second as number) <= 0 || ahead + (second as number) > linesEnd) throw new TypeError(`A delta line of ${String(second)} bytes for ${first} in ${name}`);
        ahead += second as number;
        count++;
        continue;
      }
      if (!Number.isInteger(first) || !Number.isInteger(second) || (first as number) < 0 || (first as number) > (second as number) || (second as number) >= baseKeys.length) {
        throw new TypeError(`A delta run ${String(first)}–${String(second)} outside the ${baseKeys.length} lines of ${name}`);
      }
      count += (second as number) - (first as number) + 1;
    }
    const keys = new Array<string>(count);
    const starts = new Uint32Array(count + 1);
    let line = 0;
    for (let op = 0; op < ops.length; op += 2) {
      const [first, second] = [ops[op], ops[op + 1]] as [string | number, number];
      if (typeof first === 'string') {
        keys[line] = first;
        starts[line++] = total;
        copy(delta, deltaAt, (deltaAt += second));
        total += second;
        continue;
      }
      const [from, to] = [baseStarts[first]!, baseStarts[second + 1]!];
      for (let position = first; position <= second; position++) {
        keys[line] = baseKeys[position]!;
        starts[line++] = baseStarts[position]! - from + total;
      }
      copy(baseBytes, from, to);
      total += to - from;
    }
    starts[count] = total;
    return { keys, starts };
  });
  if (deltaAt !== linesEnd) throw new TypeError(`A delta whose lines end at byte ${deltaAt}, not ${linesEnd}`);
  return stateOf(header, lines, new ChunkedBytes(copies.flatMap(({ from, start, end }) => from.views(start, end))));
}
