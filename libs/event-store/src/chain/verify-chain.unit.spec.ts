import { sealEvents, toStorableEvent } from '../append-rules';
import type { StoredEvent } from '../event-store.port';
import { expectedHash, GENESIS_HASH } from '../hash-chain';
import { verifyChain } from './verify-chain';

function storedStream(count: number): StoredEvent[] {
  const events = Array.from({ length: count }, (_, index) => ({
    type: `Numbered${index + 1}`,
    data: { n: index + 1 },
    metadata: { actor: 'reporter-1' },
  })).map((event) => toStorableEvent(event, 'as-recorded'));
  return sealEvents('story-1', events, 0, GENESIS_HASH).map((event, index) => ({
    streamId: 'story-1',
    globalPosition: index + 1,
    ...event,
  }));
}

describe('verifyChain', () => {
  it('accepts an intact stream', async () => {
    const events = storedStream(3);

    expect(await verifyChain(events)).toEqual({ verified: true, events: 3 });
    expect(events.every((event) => expectedHash(event) === event.hash)).toBe(true);
  });

  it('accepts an empty stream', async () => {
    expect(await verifyChain([])).toEqual({ verified: true, events: 0 });
  });

  it('finds an event whose content was changed', async () => {
    const events = storedStream(3);
    events[1] = { ...events[1]!, data: { n: 20 } };

    expect(await verifyChain(events)).toMatchObject({ verified: false, events: 3, firstBrokenRevision: 2 });
  });

  it('finds the next link broken when a changed event was given a fresh hash', async () => {
    const events = storedStream(3);
    const forged = { ...events[1]!, data: { n: 20 } };
    events[1] = { ...forged, hash: expectedHash(forged) };

    expect(await verifyChain(events)).toMatchObject({ verified: false, firstBrokenRevision: 3 });
  });

  it('finds a missing event at the revision that is missing', async () => {
    const events = storedStream(3);
    events.splice(1, 1);

    expect(await verifyChain(events)).toMatchObject({ verified: false, firstBrokenRevision: 2, problem: expect.stringContaining('missing') });
  });

  it('finds an event of another stream', async () => {
    const events = storedStream(2);
    events[1] = { ...events[1]!, streamId: 'story-2' };

    expect(await verifyChain(events, { streamId: 'story-1' })).toMatchObject({ verified: false, firstBrokenRevision: 2 });
  });
});
