import { sealEvents, toStorableEvent } from '../append-rules';
import type { StoredEvent } from '../event-store.port';
import { expectedHash, GENESIS_HASH } from '../hash-chain';
import { joinChainSegments } from './chain-segments';
import { ChainVerifier } from './chain-verifier';

function storedStream(count: number): StoredEvent[] {
  const events = Array.from({ length: count }, (_, index) => toStorableEvent({ type: 'Numbered', data: { n: index + 1 }, metadata: { actor: 'reporter-1' } }, 'as-recorded'));
  return sealEvents('story-1', events, 0, GENESIS_HASH).map((event, index) => ({ streamId: 'story-1', globalPosition: index + 1, ...event }));
}

/** The stream checked in parts cut before the given positions, each on a verifier of its own, then joined. */
function verifiedInParts(events: readonly StoredEvent[], cuts: readonly number[]) {
  const bounds = [0, ...[...new Set(cuts)].filter((cut) => cut > 0 && cut < events.length).sort((a, b) => a - b), events.length];
  const segments = bounds.slice(1).map((end, index) => {
    const verifier = new ChainVerifier('story-1', { before: bounds[index]! });
    for (const event of events.slice(bounds[index], end)) verifier.check(event);
    return verifier.segment();
  });
  return joinChainSegments(segments.reverse());
}

function verifiedInOne(events: readonly StoredEvent[]) {
  const verifier = new ChainVerifier('story-1');
  for (const event of events) verifier.check(event);
  return verifier.result();
}

/** Small deterministic generator, so a failing case can be run again. */
function random(seed: number): () => number {
  let state = seed;
  return () => {
    state = (state * 1103515245 + 12345) % 2 ** 31;
    return state / 2 ** 31;
  };
}

type Tamper = (events: StoredEvent[], at: number, next: () => number) => void;

const TAMPERS: Record<string, Tamper> = {
  'content changed': (events, at) => (events[at] = { ...events[at]!, data: { n: -1 } }),
  'content changed, hash made again': (events, at) => {
    const forged = { ...events[at]!, data: { n: -1 } };
    events[at] = { ...forged, hash: expectedHash(forged) };
  },
  'event removed': (events, at) => void events.splice(at, 1),
  'event repeated': (events, at) => void events.splice(at, 0, events[at]!),
  'two events swapped': (events, at) => {
    const other = Math.min(at + 1, events.length - 1);
    [events[at], events[other]] = [events[other]!, events[at]!];
  },
  'event of another stream': (events, at) => (events[at] = { ...events[at]!, streamId: 'story-2' }),
  'previous hash changed': (events, at) => (events[at] = { ...events[at]!, previousHash: 'f'.repeat(64) }),
  'link and content changed': (events, at) => (events[at] = { ...events[at]!, previousHash: 'f'.repeat(64), data: { n: -1 } }),
  'two changes': (events, at, next) => {
    events[at] = { ...events[at]!, data: { n: -1 } };
    const later = at + 1 + Math.floor(next() * (events.length - at - 1));
    if (later < events.length) events[later] = { ...events[later]!, previousHash: '0'.repeat(64) };
  },
};

describe('joinChainSegments', () => {
  it('finds an intact stream intact, however it is cut', () => {
    const events = storedStream(40);

    for (const cuts of [[], [1], [39], [10, 20, 30], [5, 5, 6]]) expect(verifiedInParts(events, cuts)).toEqual({ verified: true, events: 40 });
  });

  it('finds an empty stream intact', () => {
    expect(joinChainSegments([])).toEqual({ verified: true, events: 0 });
    expect(joinChainSegments([new ChainVerifier('story-1', { before: 0 }).segment()])).toEqual({ verified: true, events: 0 });
  });

  it('reports a broken link at the start of a part, as one verifier would', () => {
    const events = storedStream(10);
    events[5] = { ...events[5]!, previousHash: 'f'.repeat(64) };

    expect(verifiedInParts(events, [5])).toEqual(verifiedInOne(events));
    expect(verifiedInParts(events, [5])).toMatchObject({ firstBrokenRevision: 6, problem: expect.stringContaining('does not link to the hash of revision 5') });
  });

  it('refuses parts that leave a gap', () => {
    const first = new ChainVerifier('story-1', { before: 0 });
    const third = new ChainVerifier('story-1', { before: 4 });
    for (const event of storedStream(2)) first.check(event);

    expect(() => joinChainSegments([first.segment(), third.segment()])).toThrow(/gap after event 2/);
  });

  it.each(Object.keys(TAMPERS))('finds what one verifier finds, wherever the stream is cut: %s', (name) => {
    const next = random(name.length * 7919);
    for (let trial = 0; trial < 60; trial++) {
      const events = storedStream(2 + Math.floor(next() * 30));
      TAMPERS[name]!(events, Math.floor(next() * events.length), next);
      const cuts = Array.from({ length: Math.floor(next() * 5) }, () => Math.floor(next() * events.length));
      // Cuts right at and after the tampered place are the ones that matter; random ones find them often.

      expect(verifiedInParts(events, cuts)).toEqual(verifiedInOne(events));
    }
  });
});
