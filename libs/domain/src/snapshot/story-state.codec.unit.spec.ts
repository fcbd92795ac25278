import { createHash } from 'node:crypto';
import { isImmutable } from 'immutable';
import { toStoryDocument } from '../document/story-document';
import { DEVELOPMENT_DEFINITIONS } from '../developments/registry';
import type { RecordedStoryEvent } from '../events/story-event';
import { ChunkedBytes } from '../state/chunked-bytes';
import { EstimateMarks } from '../state/estimate-marks';
import { LayeredMap } from '../state/layered-map';
import { initialStoryState, type StoryState } from '../state/story-state';
import { evolve, fold, FoldInPlace, STORY_STATE_VERSION } from '../story.evolve';
import { corrected, developmentRecorded, documentText, everyTypeHistory, note, recordedEvents, retracted, troops } from '../testing';
import { decodeStoryState, encodeStoryState, encodeStoryStateInPieces, STORY_STATE_CODE_VERSION } from './story-state.codec';

/** The state as plain data, collections as their entries in order, so that equality sees order and NaN. */
function plain(value: unknown): unknown {
  if (value instanceof LayeredMap) return [...(value as LayeredMap<unknown, unknown>)].map(([key, inner]) => [key, plain(inner)]);
  if (value instanceof EstimateMarks) return value.toList().toArray().map(plain);
  if (isImmutable(value)) return (value as unknown as { entrySeq(): { toArray(): [unknown, unknown][] } }).entrySeq().toArray().map(([key, inner]) => [key, plain(inner)]);
  if (Array.isArray(value)) return value.map(plain);
  if (value !== null && typeof value === 'object') return Object.fromEntries(Object.entries(value).map(([key, inner]) => [key, plain(inner)]));
  return value;
}

describe('the story state codec', () => {
  const events: RecordedStoryEvent[] = recordedEvents(everyTypeHistory());
  const states: StoryState[] = [];
  let state = initialStoryState;
  for (const event of events) states.push((state = evolve(state, event)));

  it('gives the same bytes a piece at a time, whatever the size of the pieces', () => {
    for (const state of [initialStoryState, ...states]) {
      const whole = Buffer.from(encodeStoryState(state));
      for (const size of [1, 2, 3, 2000]) expect(Buffer.concat([...encodeStoryStateInPieces(state, size)]).equals(whole)).toBe(true);
    }
  });

  it('covers every development type', () => {
    const types = new Set([...states.at(-1)!.developments.values()].map((record) => record.development.type));
    expect([...types].sort()).toEqual(DEVELOPMENT_DEFINITIONS.map(({ type }) => type).sort());
  });

  it.each(states.map((folded) => [folded.revision, folded] as const))('gives back the state at revision %i exactly, and folds on from it alike', (revision, folded) => {
    const decoded = decodeStoryState(encodeStoryState(folded));
    expect(plain(decoded)).toStrictEqual(plain(folded));
    expect(toStoryDocument(decoded)).toStrictEqual(toStoryDocument(folded));
    const rest = events.slice(revision);
    const [fromDecoded, fromFolded] = [fold(rest, decoded), fold(rest, folded)];
    expect(plain(fromDecoded)).toStrictEqual(plain(fromFolded));
    expect(JSON.stringify(toStoryDocument(fromDecoded))).toBe(JSON.stringify(toStoryDocument(fromFolded)));
    // Lines copied from the snapshot's bytes, where nothing changed them, and written anew elsewhere: the same bytes.
    expect(Buffer.from(encodeStoryState(fromDecoded)).equals(Buffer.from(encodeStoryState(fromFolded)))).toBe(true);
    const inPlace = new FoldInPlace(decoded);
    for (const event of rest) inPlace.evolve(event);
    expect(Buffer.from(encodeStoryState(inPlace.state)).equals(Buffer.from(encodeStoryState(fromFolded)))).toBe(true);
    for (const state of [decoded, fromDecoded, inPlace.state]) expect(documentText(state)).toBe(JSON.stringify(toStoryDocument(state)));
  });

  it('reads the same state from its bytes in pieces, cut anywhere (as a store hands them over)', () => {
    const folded = states.at(-1)!;
    const bytes = encodeStoryState(folded);
    for (const size of [1, 7, 100, 4096]) {
      const pieces = Array.from({ length: Math.ceil(bytes.byteLength / size) }, (_, index) => bytes.subarray(index * size, (index + 1) * size));
      const decoded = decodeStoryState(new ChunkedBytes(pieces));
      expect(plain(decoded)).toStrictEqual(plain(folded));
      expect(documentText(decoded)).toBe(JSON.stringify(toStoryDocument(folded)));
      expect(Buffer.from(encodeStoryState(decoded)).equals(Buffer.from(bytes))).toBe(true);
    }
  });

  it('reads entries whose characters span two pieces, and folds on from such a state alike', () => {
    // Characters of two, three and four bytes in entry lines of the document and of the developments.
    const history = [
      ...everyTypeHistory(),
      developmentRecorded('u1', note('«Київ» — 😀 ü')),
      developmentRecorded('u2', troops(1200, { location: 'Харків 🛰' })),
      developmentRecorded('u3', note('日本語のメモ')),
      corrected('u2', { count: 1300 }),
      developmentRecorded('u4', troops(1400, { location: 'Харків 🛰' })),
      retracted('u3'),
    ];
    const all = recordedEvents(history);
    const cut = all.length - 3;
    const folded = fold(all.slice(0, cut), initialStoryState);
    const bytes = encodeStoryState(folded);
    for (const size of [1, 2, 3, 5, 7]) {
      const pieces = Array.from({ length: Math.ceil(bytes.byteLength / size) }, (_, index) => bytes.subarray(index * size, (index + 1) * size));
      const decoded = decodeStoryState(new ChunkedBytes(pieces));
      expect(documentText(decoded)).toBe(JSON.stringify(toStoryDocument(folded)));
      const [fromDecoded, fromFolded] = [fold(all.slice(cut), decoded), fold(all.slice(cut), folded)];
      expect(plain(fromDecoded)).toStrictEqual(plain(fromFolded));
      expect(documentText(fromDecoded)).toBe(JSON.stringify(toStoryDocument(fromFolded)));
      expect(Buffer.from(encodeStoryState(fromDecoded)).equals(Buffer.from(encodeStoryState(fromFolded)))).toBe(true);
    }
  });

  it('refuses bytes cut short, or whose lines are not as long as the header says', () => {
    const bytes = encodeStoryState(states.at(-1)!);
    expect(() => decodeStoryState(bytes.subarray(1))).toThrow(/lines end at byte \d+, not \d+/);
    expect(() => decodeStoryState(bytes.subarray(0, bytes.byteLength - 1))).toThrow();
    // Two lines' lengths swapped in the header: the lengths add up, the lines do not end where it says.
    const newline = bytes.lastIndexOf(0x0a);
    const headerStart = newline - Number(new TextDecoder().decode(bytes.subarray(newline + 1)));
    const header = JSON.parse(new TextDecoder().decode(bytes.subarray(headerStart, newline))) as { k: [string, string[], number[]][] };
    const lengths = header.k[0]![2];
    const swap = lengths.findIndex((length, index) => index > 0 && length !== lengths[index - 1]);
    [lengths[swap - 1], lengths[swap]] = [lengths[swap]!, lengths[swap - 1]!];
    const lyingHeader = new TextEncoder().encode(JSON.stringify(header));
    const lying = Buffer.concat([bytes.subarray(0, headerStart), lyingHeader, Buffer.from(`\n${lyingHeader.byteLength}`)]);
    expect(() => decodeStoryState(lying)).toThrow(/is not one of these entries/);
  });

  it('keeps a world time that is not a number', () => {
    const withBadTime = states.find((folded) => folded.developments.get('t3'))!;
    expect(decodeStoryState(encodeStoryState(withBadTime)).developments.get('t3')!.worldTime).toBeNaN();
  });

  it('refuses bytes of another codec version, or not made by it', () => {
    const bytes = new TextEncoder().encode(new TextDecoder().decode(encodeStoryState(states[3]!)).replace('{"c":3', '{"c":0'));
    expect(() => decodeStoryState(bytes)).toThrow(/codec version 0/);
    expect(() => decodeStoryState(Uint8Array.from([0xff, 0xfe]))).toThrow();
  });

  it('versions the snapshots by the state version, the codec and the registry of development types', () => {
    expect(STORY_STATE_CODE_VERSION).toMatch(new RegExp(`^state-${STORY_STATE_VERSION}\\.codec-3\\.types-[0-9a-f]{8}$`));
  });

  // What evolve makes and how it is encoded, pinned. When this fails, snapshots written by the old
  // code must not be read by the new: bump STORY_STATE_VERSION (story.evolve.ts) if evolve or the
  // state changed, STORY_STATE_CODEC_VERSION if the codec did, then pin the new digest here.
  it('pins the bytes of the every-type story to the versions', () => {
    const digest = createHash('sha256').update(encodeStoryState(states.at(-1)!)).digest('hex');
    expect({ version: STORY_STATE_CODE_VERSION.replace(/\.types-.*/, ''), digest }).toEqual({ version: 'state-3.codec-3', digest: '24516563f1f9f9ee6c6bdd1ab4ae5837ed30d29596a706717d8c9bacca5666a5' });
  });
});
