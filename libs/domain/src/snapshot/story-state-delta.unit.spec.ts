import { toStoryDocument } from '../document/story-document';
import type { StoryState } from '../state/story-state';
import { evolve, fold, FoldInPlace } from '../story.evolve';
import { corrected, developmentRecorded, everyTypeHistory, meeting, note, recordedEvents, retracted, troops, type GivenEvent } from '../testing';
import { ChunkedBytes } from '../state/chunked-bytes';
import { decodeStoryStateDelta, storyStateDelta } from './story-state-delta';
import { decodeStoryState, encodeStoryState } from './story-state.codec';
import { initialStoryState } from '../state/story-state';

/** Every type of development, then more of them, corrections and retractions reaching back over the whole story. */
function longHistory(): GivenEvent[] {
  const history = everyTypeHistory();
  for (let index = 0; index < 40; index++) {
    history.push(developmentRecorded(`x${String(index).padStart(3, '0')}`, index % 3 === 0 ? troops(1000 + index, { location: index % 2 ? 'Belarus' : 'border' }) : index % 3 === 1 ? note(`Note ${index}`) : meeting({ location: `City ${index}` })));
    if (index % 7 === 3) history.push(corrected(`x${String(index - 3).padStart(3, '0')}`, index % 2 ? { text: `Corrected ${index}` } : { count: 5000 + index }));
    if (index % 11 === 5) history.push(retracted(`x${String(index - 2).padStart(3, '0')}`));
    if (index === 30) history.push(retracted('t1'), corrected('n1', { text: 'Kept, reworded again' }));
  }
  return history;
}

const delta = (state: StoryState, base: StoryState, size?: number) => Buffer.concat([...storyStateDelta(state, base, size)!]);

describe('a story state written as what changed since a state kept whole', () => {
  const events = recordedEvents(longHistory());

  /** The state applied from base and delta is the state itself: the same bytes again, the same document. */
  function expectSameState(applied: StoryState, state: StoryState): void {
    expect(Buffer.from(encodeStoryState(applied)).equals(Buffer.from(encodeStoryState(state)))).toBe(true);
    expect(toStoryDocument(applied)).toEqual(toStoryDocument(state));
  }

  it('gives the state over a base folded from the events, at every split of the story, a fold of one event at a time or in place', () => {
    for (let cut = 1; cut < events.length; cut += 3) {
      const base = fold(events.slice(0, cut), initialStoryState);
      const baseBytes = encodeStoryState(base);
      for (const end of [cut + 1, Math.min(events.length, cut + 10), events.length]) {
        const stepped = fold(events.slice(cut, end), base);
        const inPlace = new FoldInPlace(base);
        for (const event of events.slice(cut, end)) inPlace.evolve(event);
        for (const state of [stepped, inPlace.state]) expectSameState(decodeStoryStateDelta(baseBytes, delta(state, base)), state);
      }
    }
  });

  it('gives the state folded on from a decoded base, and keeps the lines nothing touched out of the delta', () => {
    for (const cut of [10, 30, 60, events.length - 5]) {
      const baseBytes = encodeStoryState(fold(events.slice(0, cut), initialStoryState));
      const decoded = decodeStoryState(baseBytes);
      const inPlace = new FoldInPlace(decoded);
      for (const event of events.slice(cut, cut + 4)) inPlace.evolve(event);
      const written = delta(inPlace.state, decoded);
      expectSameState(decodeStoryStateDelta(baseBytes, written), fold(events.slice(0, cut + 4), initialStoryState));
      expect(written.byteLength).toBeLessThan(baseBytes.byteLength / 2);
    }
  });

  it('reads base and delta in pieces, cut anywhere, and copies none of their bytes', () => {
    const cutInto = (bytes: Uint8Array, size: number) => new ChunkedBytes(Array.from({ length: Math.ceil(bytes.byteLength / size) }, (_, index) => bytes.subarray(index * size, (index + 1) * size)));
    const base = fold(events.slice(0, 30), initialStoryState);
    const state = fold(events.slice(30), base);
    const [baseBytes, written] = [encodeStoryState(base), delta(state, base)];
    for (const size of [1, 5, 64, 1 << 20]) {
      const applied = decodeStoryStateDelta(cutInto(baseBytes, size), cutInto(written, size));
      expectSameState(applied, state);
      // Every line of the state is a view of the base's bytes or the delta's, none a copy.
      const lines = applied.developments.encodedBase()!.base.lines(0, applied.developments.size - 1);
      expect(lines.every((view) => view.buffer === baseBytes.buffer || view.buffer === written.buffer)).toBe(true);
    }
  });

  it('gives the same bytes a piece at a time, whatever the size of the pieces', () => {
    const base = fold(events.slice(0, 20), initialStoryState);
    const state = fold(events.slice(20), base);
    const whole = delta(state, base);
    for (const size of [1, 2, 7]) expect(delta(state, base, size).equals(whole)).toBe(true);
  });

  it('is not written where the lines of the base cannot be told from the states', () => {
    const base = fold(events.slice(0, 20), initialStoryState);
    const state = fold(events.slice(20, 30), base);
    // Not a later state of the same story.
    expect(storyStateDelta(base, state)).toBeUndefined();
    expect(storyStateDelta(base, base)).toBeUndefined();
    // A base decoded from bytes, and a state folded from the events, not on from it: no line of it can be trusted as the state's.
    expect(storyStateDelta(state, decodeStoryState(encodeStoryState(base)))).toBeUndefined();
    // Folded on from one decoded base, against a base decoded again from the same bytes.
    const bytes = encodeStoryState(base);
    const onFromDecoded = fold(events.slice(20, 30), decodeStoryState(bytes));
    expect(storyStateDelta(onFromDecoded, decodeStoryState(bytes))).toBeUndefined();
    // Against an earlier state folded on from the decoded base (its lines are not all the base's).
    const decoded = decodeStoryState(bytes);
    const later = evolve(decoded, events[20]!);
    expect(storyStateDelta(fold(events.slice(21, 30), later), later)).toBeUndefined();
  });

  it('refuses a delta over another base, cut short, or whose runs reach past the base’s lines', () => {
    const base = fold(events.slice(0, 20), initialStoryState);
    const state = fold(events.slice(20, 30), base);
    const written = delta(state, base);
    const other = encodeStoryState(fold(events.slice(0, 21), initialStoryState));
    expect(() => decodeStoryStateDelta(other, written)).toThrow(/over revision 20, not 21/);
    expect(() => decodeStoryStateDelta(encodeStoryState(base), written.subarray(0, written.byteLength - 3))).toThrow();
    // The header says a run of the base's lines is longer than the base has.
    const text = written.toString('utf8');
    const headerStart = text.lastIndexOf('{"c":');
    const header = JSON.parse(text.slice(headerStart, text.lastIndexOf('\n'))) as { k: [string, (number | string)[]][] };
    const developments = header.k[0]![1];
    const run = developments.findIndex((op, index) => index % 2 === 0 && typeof op === 'number');
    developments[run + 1] = 10_000;
    const tampered = Buffer.concat([written.subarray(0, Buffer.byteLength(text.slice(0, headerStart))), Buffer.from(JSON.stringify(header)), Buffer.from(`\n${Buffer.byteLength(JSON.stringify(header))}`)]);
    expect(() => decodeStoryStateDelta(encodeStoryState(base), tampered)).toThrow(/outside the \d+ lines of d/);
  });

  it('gives the state back after any mix of changes: keys set again, deleted, moved to the end with the same value, added', () => {
    let seed = 7;
    const random = () => (seed = (seed * 1103515245 + 12345) >>> 0) / 2 ** 32;
    const pick = <T>(items: readonly T[]) => items[Math.floor(random() * items.length)]!;
    /** Eight changes to the collections, of the kinds no event makes as well as those it does. */
    const shuffled = (state: StoryState): StoryState => {
      let { related, developments } = state;
      for (let change = 0; change < 8; change++) {
        const kind = Math.floor(random() * 5);
        const relatedKeys = related.toArray().map(([key]) => key);
        const developmentKeys = developments.toArray().map(([key]) => key);
        if (kind === 0 && relatedKeys.length > 0) {
          const key = pick(relatedKeys);
          related = related.delete(key).set(key, related.get(key)!);
        } else if (kind === 1 && developmentKeys.length > 0) {
          const key = pick(developmentKeys);
          developments = developments.delete(key).set(key, developments.get(key)!);
        } else if (kind === 2 && relatedKeys.length > 0) related = related.set(pick(relatedKeys), [`new ${change}`]);
        else if (kind === 3 && relatedKeys.length > 0) related = related.delete(pick(relatedKeys));
        else related = related.set(`fresh ${change} ${random()}`, ['z']);
      }
      return { ...state, related, developments };
    };
    let written = 0;
    for (let trial = 0; trial < 200; trial++) {
      const cut = 5 + Math.floor(random() * (events.length - 10));
      const folded = fold(events.slice(0, cut), initialStoryState);
      const bytes = encodeStoryState(folded);
      const base = random() < 0.5 ? decodeStoryState(bytes) : folded;
      const later = events.slice(cut, cut + Math.floor(random() * (events.length - cut)));
      let state: StoryState;
      if (random() < 0.5) {
        const inPlace = new FoldInPlace(base);
        for (const event of later) inPlace.evolve(event);
        state = inPlace.state;
      } else state = fold(later, base);
      state = { ...shuffled(state), revision: Math.max(state.revision, base.revision + 1) };
      const pieces = storyStateDelta(state, base, 1 + Math.floor(random() * 5));
      if (!pieces) continue;
      expectSameState(decodeStoryStateDelta(bytes, Buffer.concat([...pieces])), decodeStoryState(encodeStoryState(state)));
      written++;
    }
    // Most trials can be told (a state folded on from its base); the rest must say so, not guess.
    expect(written).toBeGreaterThan(100);
  });
});
