import type { Worker } from 'node:worker_threads';
import { sealEvents, toStorableEvent } from '../append-rules';
import { encodeStoredEvent } from '../encoded-events';
import type { StoredEvent } from '../event-store.port';
import { GENESIS_HASH } from '../hash-chain';
import { ChainVerifier } from './chain-verifier';
import { MAX_CHAIN_THREADS, ParallelChainVerifier } from './parallel-chain-verifier';

/** A sealed stream of hash scheme 2 (salted commitments), as the API writes them now. */
function storedStream(count: number): StoredEvent[] {
  const events = Array.from({ length: count }, (_, index) =>
    toStorableEvent({ type: 'NoteAdded', data: { developmentId: `dev-${index + 1}`, text: `Note ${index + 1}`, source: { name: 'Reuters' } }, metadata: { actor: 'reporter-1' } }, 'as-recorded'),
  );
  return sealEvents('story-1', events, 0, GENESIS_HASH).map((event, index) => ({ streamId: 'story-1', globalPosition: index + 1, ...event }));
}

function verifiedInOne(events: readonly StoredEvent[]) {
  const verifier = new ChainVerifier('story-1');
  for (const event of events) verifier.check(event);
  return verifier.result();
}

/** Hands the stream over in parts of `size`, with their text (as the SQLite store reads them) or without. */
async function verifiedInParallel(events: readonly StoredEvent[], size: number, withText = true, meanwhile?: (verifier: ParallelChainVerifier, part: number) => Promise<void>) {
  const verifier = new ParallelChainVerifier('story-1');
  try {
    for (let start = 0, part = 0; start < events.length; start += size, part++) {
      const run = events.slice(start, start + size);
      verifier.check(run, withText ? run.map(encodeStoredEvent) : undefined);
      await meanwhile?.(verifier, part);
    }
    return await verifier.result();
  } finally {
    await verifier.close();
  }
}

const threadOf = (verifier: ParallelChainVerifier) => (verifier as unknown as { thread: Worker }).thread;
/** Lets the thread take its parts (it answers between this thread's turns, so give it some). */
const pause = () => new Promise<void>((resolve) => setTimeout(resolve, 20));

describe('ParallelChainVerifier (a real worker thread)', () => {
  jest.setTimeout(60_000);

  it('finds an intact stream intact, with and without the stored text', async () => {
    const events = storedStream(1200);

    expect(await verifiedInParallel(events, 100, true, pause)).toEqual({ verified: true, events: 1200 });
    expect(await verifiedInParallel(events, 100, false, pause)).toEqual({ verified: true, events: 1200 });
  });

  it('finds exactly what one verifier finds in a tampered stream, in a part of the thread or of its own', async () => {
    const events = storedStream(1200);
    for (const at of [0, 99, 100, 650, 1199]) {
      const tampered = [...events];
      tampered[at] = { ...tampered[at]!, data: { developmentId: 'dev-x', text: 'Changed', source: { name: 'Reuters' } } };
      const removed = events.filter((_, index) => index !== at);

      expect(await verifiedInParallel(tampered, 100, true, pause)).toEqual(verifiedInOne(tampered));
      expect(await verifiedInParallel(removed, 100, true, pause)).toEqual(verifiedInOne(removed));
    }
  });

  it('checks a part here when the thread already has two', async () => {
    const events = storedStream(600);
    const verifier = new ParallelChainVerifier('story-1');
    const onThread = () => (verifier as unknown as { onThread: Map<number, unknown> }).onThread.size;
    const sizes: number[] = [];
    for (let start = 0; start < events.length; start += 100) {
      verifier.check(events.slice(start, start + 100));
      sizes.push(onThread());
    }

    // No turn given in between: the thread answers none of them before the third arrives.
    expect(Math.max(...sizes)).toBe(2);
    expect(await verifier.result()).toEqual({ verified: true, events: 600 });
  });

  it('loses nothing when the thread stops half way: its parts are checked here', async () => {
    const events = storedStream(1000);
    const tampered = [...events];
    tampered[870] = { ...tampered[870]!, previousHash: 'f'.repeat(64) };
    const stopAfterTwo = async (verifier: ParallelChainVerifier, part: number) => {
      if (part === 2) await threadOf(verifier).terminate();
      await pause();
    };

    expect(await verifiedInParallel(events, 100, true, stopAfterTwo)).toEqual({ verified: true, events: 1000 });
    expect(await verifiedInParallel(tampered, 100, true, stopAfterTwo)).toEqual(verifiedInOne(tampered));
  });

  it('answers when the thread cannot read a part: the part is checked here', async () => {
    const events = storedStream(300);
    const verifier = new ParallelChainVerifier('story-1');
    const encoded = events.map(encodeStoredEvent);
    // Text the thread cannot parse; this thread checks the parsed events it was given, which are intact.
    verifier.check(events.slice(0, 100), encoded.slice(0, 100).map((event) => ({ ...event, data: '{not json' })));
    verifier.check(events.slice(100), encoded.slice(100));

    expect(await verifier.result()).toEqual({ verified: true, events: 300 });
  });

  it(`runs ${MAX_CHAIN_THREADS} chain thread(s) at most at once: a verifier made beyond checks on its caller's thread`, async () => {
    const events = storedStream(400);
    const verifiers = Array.from({ length: MAX_CHAIN_THREADS + 1 }, () => new ParallelChainVerifier('story-1'));

    expect(verifiers.map((verifier) => verifier.threaded)).toEqual([...Array.from({ length: MAX_CHAIN_THREADS }, () => true), false]);
    for (const verifier of verifiers) for (let start = 0; start < events.length; start += 100) verifier.check(events.slice(start, start + 100));
    for (const verifier of verifiers) expect(await verifier.result()).toEqual({ verified: true, events: 400 });
    const next = new ParallelChainVerifier('story-1');
    expect(next.threaded).toBe(true);
    await next.close();
  });
});
