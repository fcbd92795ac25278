import { List } from 'immutable';
import { DEVELOPMENT_DEFINITIONS } from '../developments/registry';
import type { Redaction } from '../redaction/redaction';
import { ChunkedBytes } from '../state/chunked-bytes';
import { EncodedEntries, encodedLine, type Reviver } from '../state/encoded-entries';
import { LayeredMap } from '../state/layered-map';
import type { DevelopmentRecord, StoryState } from '../state/story-state';
import { ENTRY_COLLECTIONS, type StoryViews } from '../state/story-views';
import { EstimateMarks, type EstimateMark } from '../state/estimate-marks';
import { STORY_STATE_VERSION } from '../story.evolve';

/**
 * A story's state as bytes and back, for persistent snapshots: `decodeStoryState(encodeStoryState(s))`
 * folds on exactly like `s`. Pure (no I/O); the store keeps the bytes with `STORY_STATE_CODE_VERSION`,
 * and a snapshot written under any other version is never decoded, only rebuilt.
 *
 * The format is UTF-8 JSON in lines: each collection's entries in turn, one line each, written as the
 * member of an object (`"key":value,`) for the document's collections and as `value,` for the others, then a header (the story's own fields, the retracted ids, each
 * collection's keys and the byte length of each of its lines), a newline and the header's byte length.
 * Decoding parses the header, nothing more: each collection becomes the base of a LayeredMap
 * (EncodedEntries) whose values are parsed when asked for, and whose runs of untouched lines are
 * copied as they are into the document (a view's line is its member of the document) and into the
 * next snapshot. A long story's state is tens of MiB, and a read folds on from it through a few hundred
 * of its entries. A development record's value is a tuple (its key is its own `developmentId`).
 */
export const STORY_STATE_CODEC_VERSION = 3;

/**
 * What a snapshot's bytes depend on: the state's shape and what `evolve` does (STORY_STATE_VERSION,
 * bumped by hand beside `evolve`; the pinned digest in story-state.codec.unit.spec.ts fails until it
 * is), this codec (STORY_STATE_CODEC_VERSION), and the registry of development types, which is
 * folded in by itself: a new type, event name or collection changes the version with no one to remember.
 */
export const STORY_STATE_CODE_VERSION = `state-${STORY_STATE_VERSION}.codec-${STORY_STATE_CODEC_VERSION}.types-${fnv1a(registrySignature())}`;

type EncodedRecord = [
  development: DevelopmentRecord['development'],
  revision: number,
  recordedAt: string,
  recordedBy: string,
  /** null for a world time that is not a number (JSON has no NaN). */
  worldTime: number | null,
  corrections: number,
  retraction: DevelopmentRecord['retraction'] | 0,
];

interface EncodedHeader {
  readonly c: number;
  readonly h: [boolean, string, number, StoryState['status'], string, string, readonly string[], string, string, string];
  /** The retracted development ids, in order. */
  readonly x: string[];
  /** Each collection's name, keys and the byte length of each key's line, in the order of COLLECTIONS and of the lines. */
  readonly k: [name: string, keys: string[], lengths: number[]][];
}

/** Lines of a decoded snapshot's collection that nothing changed since, copied as they are. */
interface EncodedRun {
  readonly base: EncodedEntries<unknown>;
  readonly first: number;
  readonly last: number;
}

/** One of the state's collections: where it is, and how a value is written on its line and read back. */
export interface Collection<V> {
  readonly name: string;
  /** Whether its lines are members (`"key":value,`): those of the document's collections, copied into it as they are. */
  readonly named: boolean;
  readonly of: (state: StoryState) => LayeredMap<string, V>;
  readonly encode: (value: V, key: string) => unknown;
  readonly revive: Reviver<V>;
}

const asItIs = <V>(_key: string, json: unknown) => json as V;
const itself = (value: unknown) => value;

/** An entry collection of the document (statements, notes…): `e.<name>`. */
function entryCollection(name: (typeof ENTRY_COLLECTIONS)[number]): Collection<unknown> {
  return { name: `e.${name}`, named: true, of: (state) => state.views.entries[name], encode: itself, revive: asItIs };
}

/** Every collection, in the order their lines are written. A view's line is its member of the document, as the document has it. */
export const COLLECTIONS: readonly Collection<unknown>[] = [
  { name: 'd', named: false, of: (state) => state.developments, encode: (record, key) => encodedRecord(record as DevelopmentRecord, key), revive: revivedRecord },
  { name: 'r', named: false, of: (state) => state.related, encode: itself, revive: asItIs },
  { name: 'z', named: false, of: (state) => state.redactions, encode: itself, revive: asItIs },
  { name: 'te', named: true, of: (state) => state.views.troopEstimates, encode: itself, revive: asItIs },
  { name: 'tm', named: false, of: (state) => state.views.troopEstimateMarks, encode: (marks) => encodedMarks(marks as EstimateMarks), revive: { fromText: writtenMarks } },
  { name: 'm', named: true, of: (state) => state.views.meetings, encode: itself, revive: asItIs },
  { name: 'dm', named: true, of: (state) => state.views.demands, encode: itself, revive: asItIs },
  ...ENTRY_COLLECTIONS.map(entryCollection),
] as readonly Collection<unknown>[];

const NEWLINE = 0x0a;
const encoder = new TextEncoder();
const decoder = new TextDecoder('utf-8', { fatal: true });

export function encodeStoryState(state: StoryState): Uint8Array {
  return joined([...encodeStoryStateInPieces(state)]);
}

/**
 * The same bytes as `encodeStoryState`, in pieces of about `size` entries each: for a caller that
 * encodes a long story's state without holding the event loop for the whole of it (the state is
 * immutable, so it may go on between pieces). Runs of lines still as a snapshot's are copied, not parsed.
 */
export function* encodeStoryStateInPieces(state: StoryState, size = 2000): Generator<Uint8Array> {
  const k: EncodedHeader['k'] = [];
  let piece: Uint8Array[] = [];
  let entries = 0;
  for (const collection of COLLECTIONS) {
    // The walk only gathers (entries to write, runs of lines to copy); the writing is what the pieces spread.
    const items: ([key: string, value: unknown] | EncodedRun)[] = [];
    collection.of(state).forEachEncoded(
      (key, value) => items.push([key, value]),
      (base, first, last) => items.push({ base, first, last }),
    );
    const keys: string[] = [];
    const lengths: number[] = [];
    for (const item of items) {
      if (Array.isArray(item)) {
        const [key, value] = item;
        const line = encoder.encode(encodedLine(key, collection.encode(value, key), collection.named));
        keys.push(key);
        lengths.push(line.byteLength);
        piece.push(line);
        entries += 1;
      } else {
        const { base, first, last } = item;
        for (let position = first; position <= last; position++) {
          keys.push(base.keyAt(position));
          lengths.push(base.lineLength(position));
        }
        piece.push(...base.lines(first, last));
        entries += last - first + 1;
      }
      if (entries < size) continue;
      yield joined(piece);
      [piece, entries] = [[], 0];
    }
    k.push([collection.name, keys, lengths]);
  }
  const header: EncodedHeader = { c: STORY_STATE_CODEC_VERSION, ...storyFieldsOf(state), k };
  const headerBytes = encoder.encode(JSON.stringify(header));
  piece.push(headerBytes, encoder.encode(`\n${headerBytes.byteLength}`));
  yield joined(piece);
}

/** The state the bytes were made from; throws on bytes of another codec version or not made here. */
export function decodeStoryState(bytes: Uint8Array | ChunkedBytes): StoryState {
  const { header, lines } = layoutOf(bytes);
  return stateOf(header, lines, bytes);
}

/** A whole state's header and where each collection's lines are, read from its bytes and checked against them. */
export function layoutOf(bytes: Uint8Array | ChunkedBytes): { header: EncodedHeader; lines: CollectionLines[] } {
  const { header, linesEnd } = headerOf<EncodedHeader>(bytes);
  if (!Array.isArray(header.k) || header.k.length !== COLLECTIONS.length) throw new TypeError('A story state with other collections than these');
  let start = 0;
  const lines = COLLECTIONS.map((collection, index) => {
    const [name, keys, lengths] = header.k[index]!;
    if (name !== collection.name || !Array.isArray(keys) || !Array.isArray(lengths) || keys.length !== lengths.length) throw new TypeError(`A story state with collection ${name} where ${collection.name} belongs`);
    const starts = new Uint32Array(keys.length + 1);
    for (let line = 0; line < keys.length; line++) {
      const length = lengths[line]!;
      if (!Number.isInteger(length) || length <= 0) throw new TypeError(`A story state with a line of length ${length} in collection ${name}`);
      starts[line] = start;
      start += length;
    }
    starts[keys.length] = start;
    return { keys, starts };
  });
  if (start !== linesEnd) throw new TypeError(`A story state whose lines end at byte ${start}, not ${linesEnd}`);
  return { header, lines };
}

/** Where a state's bytes hold their header, and the header parsed; throws on bytes of another codec version or not made here. */
export function headerOf<H extends { readonly c: number }>(input: Uint8Array | ChunkedBytes): { header: H; linesEnd: number } {
  const bytes = ChunkedBytes.of(input);
  const newline = bytes.lastIndexOf(NEWLINE);
  const headerLength = newline < 0 ? Number.NaN : Number(decoder.decode(bytes.slice(newline + 1, bytes.byteLength)));
  const linesEnd = newline - headerLength;
  if (newline < 0 || !Number.isInteger(headerLength) || linesEnd < 0) throw new TypeError('Not a story state of this codec: no header');
  const header = JSON.parse(decoder.decode(bytes.slice(linesEnd, newline))) as H;
  if (header?.c !== STORY_STATE_CODEC_VERSION) throw new TypeError(`A story state of codec version ${header?.c}, not ${STORY_STATE_CODEC_VERSION}`);
  return { header, linesEnd };
}

/** Each collection's keys and where its lines start in `bytes` (one more start than keys: where the last ends), in the order of COLLECTIONS. */
export interface CollectionLines {
  readonly keys: readonly string[];
  readonly starts: Uint32Array;
}

/** The state whose story fields are `header`'s and whose collections are these lines of `bytes`, read when asked for. */
export function stateOf(header: Pick<EncodedHeader, 'h' | 'x'>, lines: readonly CollectionLines[], bytes: Uint8Array | ChunkedBytes): StoryState {
  const maps = new Map<string, LayeredMap<string, unknown>>();
  COLLECTIONS.forEach((collection, index) => {
    const { keys, starts } = lines[index]!;
    maps.set(collection.name, LayeredMap.over(new EncodedEntries(keys, bytes, starts, collection.revive, collection.named)));
  });
  const map = <V>(name: string) => maps.get(name) as LayeredMap<string, V>;
  const [exists, id, revision, status, headline, summary, tags, createdAt, updatedAt, updatedBy] = header.h;
  const views: StoryViews = {
    troopEstimates: map('te'),
    troopEstimateMarks: map('tm'),
    meetings: map('m'),
    demands: map('dm'),
    entries: Object.fromEntries(ENTRY_COLLECTIONS.map((collection) => [collection, map(`e.${collection}`)])) as StoryViews['entries'],
  };
  return {
    exists,
    id,
    revision,
    status,
    headline,
    summary,
    tags,
    createdAt,
    updatedAt,
    updatedBy,
    developments: map('d'),
    related: map('r'),
    retracted: List(header.x),
    redactions: map<readonly Redaction[]>('z'),
    views,
  };
}

/** The header's story fields of a state. */
export function storyFieldsOf(state: StoryState): Pick<EncodedHeader, 'h' | 'x'> {
  return {
    h: [state.exists, state.id, state.revision, state.status, state.headline, state.summary, state.tags, state.createdAt, state.updatedAt, state.updatedBy],
    x: state.retracted.toArray(),
  };
}

/** An estimate's mark as a tuple: id, world time (null for one that is not a number), revision, 1 if retracted. */
type EncodedMark = [developmentId: string, worldTime: number | null, revision: number, retracted: 0 | 1];

function encodedMarks(marks: EstimateMarks): EncodedMark[] {
  return marks.toList().toArray().map(({ developmentId, worldTime, revision, retracted }) => [developmentId, Number.isFinite(worldTime) ? worldTime : null, revision, retracted ? 1 : 0]);
}

/** A line of marks kept as its text, parsed when a rescan first reads it (see EstimateMarks). */
function writtenMarks(_key: string, text: string): EstimateMarks {
  return EstimateMarks.written(() => marksOf(JSON.parse(text) as EncodedMark[]));
}

function marksOf(encoded: readonly EncodedMark[]): EstimateMark[] {
  return encoded.map(([developmentId, worldTime, revision, retracted]) => ({ developmentId, worldTime: worldTime ?? Number.NaN, revision, retracted: retracted === 1 }));
}

function encodedRecord(record: DevelopmentRecord, key: string): EncodedRecord {
  if (key !== record.developmentId) throw new TypeError(`Development ${record.developmentId} is kept under another key (${key})`);
  const { development, revision, recordedAt, recordedBy, worldTime, corrections, retraction } = record;
  return [development, revision, recordedAt, recordedBy, Number.isFinite(worldTime) ? worldTime : null, corrections, retraction ?? 0];
}

function revivedRecord(developmentId: string, json: unknown): DevelopmentRecord {
  const [development, revision, recordedAt, recordedBy, worldTime, corrections, retraction] = json as EncodedRecord;
  return { developmentId, development, revision, recordedAt, recordedBy, worldTime: worldTime ?? Number.NaN, corrections, ...(retraction !== 0 && { retraction }) };
}

/** The pieces one after the other, in bytes of their own. */
export function joined(pieces: readonly Uint8Array[]): Uint8Array {
  const bytes = new Uint8Array(pieces.reduce((total, piece) => total + piece.byteLength, 0));
  let at = 0;
  for (const piece of pieces) {
    bytes.set(piece, at);
    at += piece.byteLength;
  }
  return bytes;
}

/** The development types, their stored event names and where the document keeps them. */
function registrySignature(): string {
  return JSON.stringify(DEVELOPMENT_DEFINITIONS.map(({ type, eventType, document }) => [type, eventType, document.kind, 'collection' in document ? document.collection : '']));
}

/** 32-bit FNV-1a, in hex: a short, stable digest with no dependency (the domain has no I/O, no crypto). */
function fnv1a(text: string): string {
  let hash = 0x811c9dc5;
  for (let index = 0; index < text.length; index++) {
    hash ^= text.charCodeAt(index);
    hash = Math.imul(hash, 0x01000193) >>> 0;
  }
  return hash.toString(16).padStart(8, '0');
}
