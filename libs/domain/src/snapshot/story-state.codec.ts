import { List } from 'immutable';
import { DEVELOPMENT_DEFINITIONS } from '../developments/registry';
import type { Redaction } from '../redaction/redaction';
import { LayeredMap } from '../state/layered-map';
import type { DevelopmentRecord, StoryState } from '../state/story-state';
import { ENTRY_COLLECTIONS, type DevelopmentEntry, type StoryViews } from '../state/story-views';
import { STORY_STATE_VERSION } from '../story.evolve';

/**
 * A story's state as bytes and back, for persistent snapshots: `decodeStoryState(encodeStoryState(s))`
 * folds on exactly like `s`. Pure (no I/O); the store keeps the bytes with `STORY_STATE_CODE_VERSION`,
 * and a snapshot written under any other version is never decoded, only rebuilt.
 *
 * The format is JSON text (UTF-8): V8's `JSON.parse` is the fastest general decoder there is in Node,
 * and the collections are written as arrays of entries, in their order, and rebuilt in one pass each
 * as the base of a LayeredMap (a native Map: a fifth of the cost of an immutable.js OrderedMap). A
 * development record is a tuple (its key is its own `developmentId`).
 */
export const STORY_STATE_CODEC_VERSION = 2;

/**
 * What a snapshot's bytes depend on: the state's shape and what `evolve` does (STORY_STATE_VERSION,
 * bumped by hand beside `evolve`; the pinned digest in story-state.codec.unit.spec.ts fails until it
 * is), this codec (STORY_STATE_CODEC_VERSION), and the registry of development types, which is
 * folded in by itself: a new type, event name or collection changes the version with no one to remember.
 */
export const STORY_STATE_CODE_VERSION = `state-${STORY_STATE_VERSION}.codec-${STORY_STATE_CODEC_VERSION}.types-${fnv1a(registrySignature())}`;

type EncodedRecord = [
  developmentId: string,
  development: DevelopmentRecord['development'],
  revision: number,
  recordedAt: string,
  recordedBy: string,
  /** null for a world time that is not a number (JSON has no NaN). */
  worldTime: number | null,
  corrections: number,
  retraction: DevelopmentRecord['retraction'] | 0,
];

interface EncodedState {
  readonly c: number;
  readonly h: [boolean, string, number, StoryState['status'], string, string, readonly string[], string, string, string];
  readonly d: EncodedRecord[];
  readonly r: [string, string[]][];
  readonly x: string[];
  /** Redactions by development id. */
  readonly z: [string, readonly Redaction[]][];
  readonly v: {
    readonly te: [string, unknown][];
    readonly ti: [string, string[]][];
    readonly m: [string, unknown][];
    readonly dm: [string, unknown][];
    readonly e: Record<string, [string, unknown][]>;
  };
}

const encoder = new TextEncoder();
const decoder = new TextDecoder('utf-8', { fatal: true });

export function encodeStoryState(state: StoryState): Uint8Array {
  return encoder.encode(JSON.stringify(toEncoded(state)));
}

/**
 * The same JSON text as `encodeStoryState`, in pieces of about `size` entries of the large collections
 * each: for a caller that encodes a long story's state without holding the event loop for the whole
 * of it (the state is immutable, so it may go on between pieces).
 */
export function* encodeStoryStateInPieces(state: StoryState, size = 2000): Generator<string> {
  // The developments, the largest part, are encoded as they are written out, a piece at a time.
  const { c, h, r, x, z, v } = toEncoded(state, { withDevelopments: false });
  yield `{"c":${JSON.stringify(c)},"h":${JSON.stringify(h)},"d":`;
  yield* arrayInPieces(encodedRecords(state), size);
  yield `,"r":`;
  yield* arrayInPieces(r, size);
  yield `,"x":`;
  yield* arrayInPieces(x, size);
  yield `,"z":${JSON.stringify(z)}`;
  yield `,"v":{"te":`;
  yield* arrayInPieces(v.te, size);
  yield `,"ti":`;
  yield* arrayInPieces(v.ti, size);
  yield `,"m":`;
  yield* arrayInPieces(v.m, size);
  yield `,"dm":`;
  yield* arrayInPieces(v.dm, size);
  yield `,"e":{`;
  let first = true;
  for (const [collection, entries] of Object.entries(v.e)) {
    yield `${first ? '' : ','}${JSON.stringify(collection)}:`;
    yield* arrayInPieces(entries, size);
    first = false;
  }
  yield '}}}';
}

/** `JSON.stringify([...items])`, `size` items at a time. */
function* arrayInPieces(items: Iterable<unknown>, size: number): Generator<string> {
  let piece: unknown[] = [];
  let first = true;
  for (const item of items) {
    piece.push(item);
    if (piece.length < size) continue;
    // A piece's own brackets go: the whole array's "[" before the first, "," between, "]" at the end.
    yield `${first ? '[' : ','}${JSON.stringify(piece).slice(1, -1)}`;
    first = false;
    piece = [];
  }
  if (piece.length > 0) yield `${first ? '[' : ','}${JSON.stringify(piece).slice(1, -1)}]`;
  else yield first ? '[]' : ']';
}

/** The development records as tuples, in their order. */
function* encodedRecords(state: StoryState): Generator<EncodedRecord> {
  for (const [key, record] of state.developments) {
    if (key !== record.developmentId) throw new TypeError(`Development ${record.developmentId} is kept under another key (${key})`);
    yield [
      record.developmentId,
      record.development,
      record.revision,
      record.recordedAt,
      record.recordedBy,
      Number.isFinite(record.worldTime) ? record.worldTime : null,
      record.corrections,
      record.retraction ?? 0,
    ];
  }
}

function toEncoded(state: StoryState, { withDevelopments = true } = {}): EncodedState {
  const { views } = state;
  return {
    c: STORY_STATE_CODEC_VERSION,
    h: [state.exists, state.id, state.revision, state.status, state.headline, state.summary, state.tags, state.createdAt, state.updatedAt, state.updatedBy],
    d: withDevelopments ? [...encodedRecords(state)] : [],
    r: state.related.toArray() as [string, string[]][],
    x: state.retracted.toArray(),
    z: [...state.redactions],
    v: {
      te: [...views.troopEstimates],
      ti: listEntries(views.troopEstimateIds),
      m: [...views.meetings],
      dm: [...views.demands],
      e: Object.fromEntries(ENTRY_COLLECTIONS.map((collection) => [collection, [...views.entries[collection]]])),
    },
  };
}

/** The state the bytes were made from; throws on bytes of another codec version or not made here. */
export function decodeStoryState(bytes: Uint8Array): StoryState {
  const encoded = JSON.parse(decoder.decode(bytes)) as EncodedState;
  if (encoded.c !== STORY_STATE_CODEC_VERSION) throw new TypeError(`A story state of codec version ${encoded.c}, not ${STORY_STATE_CODEC_VERSION}`);
  const [exists, id, revision, status, headline, summary, tags, createdAt, updatedAt, updatedBy] = encoded.h;
  // Straight into the base: no tuple per record on the way (the first read after a start decodes this).
  const records = new Map<string, DevelopmentRecord>();
  for (const [developmentId, development, recordRevision, recordedAt, recordedBy, worldTime, corrections, retraction] of encoded.d) {
    records.set(developmentId, {
      developmentId,
      development,
      revision: recordRevision,
      recordedAt,
      recordedBy,
      worldTime: worldTime ?? Number.NaN,
      corrections,
      ...(retraction !== 0 && { retraction }),
    });
  }
  const developments = LayeredMap.over(records);
  const { v } = encoded;
  const views: StoryViews = {
    troopEstimates: LayeredMap.of(v.te) as StoryViews['troopEstimates'],
    troopEstimateIds: toListMap(v.ti),
    meetings: LayeredMap.of(v.m) as StoryViews['meetings'],
    demands: LayeredMap.of(v.dm) as StoryViews['demands'],
    entries: Object.fromEntries(
      ENTRY_COLLECTIONS.map((collection) => [collection, LayeredMap.of((v.e[collection] ?? []) as [string, DevelopmentEntry][])]),
    ) as StoryViews['entries'],
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
    developments,
    related: LayeredMap.of(encoded.r),
    retracted: List(encoded.x),
    redactions: LayeredMap.of(encoded.z),
    views,
  };
}

function listEntries(map: LayeredMap<string, List<string>>): [string, string[]][] {
  return [...map].map(([key, ids]): [string, string[]] => [key, ids.toArray()]);
}

function toListMap(entries: readonly [string, string[]][]): LayeredMap<string, List<string>> {
  const lists = new Map<string, List<string>>();
  for (const [key, ids] of entries) lists.set(key, List(ids));
  return LayeredMap.over(lists);
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
