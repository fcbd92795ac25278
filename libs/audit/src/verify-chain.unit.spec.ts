import { InMemoryEventStore, chainHash, verifyChain, type StoredEvent } from '@story-tracker/event-store';
import { storyStreamName } from '@story-tracker/domain';
import { STORY, appendStory } from './testing/audit-fixtures';

/** The sample story as stored (five events), to alter copies of in each test. */
async function storedStory(): Promise<StoredEvent[]> {
  const store = new InMemoryEventStore();
  await appendStory(store);
  const events: StoredEvent[] = [];
  for await (const event of store.readStream(storyStreamName(STORY))) events.push(event);
  return events;
}

const replace = (events: StoredEvent[], index: number, change: Partial<StoredEvent>) =>
  events.map((event, i) => (i === index ? { ...event, ...change } : event));

async function* lazily(events: Iterable<StoredEvent>): AsyncIterable<StoredEvent> {
  yield* events;
}

describe('verifyChain', () => {
  let events: StoredEvent[];
  beforeEach(async () => {
    events = await storedStory();
  });

  it('verifies an untouched stream and counts its events', async () => {
    expect(await verifyChain(lazily(events))).toEqual({ verified: true, events: 5 });
  });

  it('verifies an empty stream', async () => {
    expect(await verifyChain(lazily([]))).toEqual({ verified: true, events: 0 });
  });

  it('finds altered data at its revision, and still counts every event', async () => {
    const altered = replace(events, 1, { data: { ...(events[1]!.data as object), count: 150000 } });

    expect(await verifyChain(altered)).toEqual({
      verified: false,
      events: 5,
      firstBrokenRevision: 2,
      problem: expect.stringMatching(/revision 2 does not match its hash/),
    });
  });

  it('finds altered metadata at its revision', async () => {
    const altered = replace(events, 2, { metadata: { ...events[2]!.metadata, actor: 'mallory' } });

    expect(await verifyChain(altered)).toMatchObject({ verified: false, firstBrokenRevision: 3 });
  });

  it('finds an altered type at its revision', async () => {
    const altered = replace(events, 3, { type: 'SummaryRevised' });

    expect(await verifyChain(altered)).toMatchObject({ verified: false, firstBrokenRevision: 4 });
  });

  it('finds a deleted event at the gap it leaves', async () => {
    const withoutThird = events.filter((event) => event.revision !== 3);

    expect(await verifyChain(withoutThird)).toEqual({
      verified: false,
      events: 4,
      firstBrokenRevision: 3,
      problem: 'revision 3 is missing: revision 4 follows revision 2',
    });
  });

  it('finds a deleted first event at revision 1', async () => {
    expect(await verifyChain(events.slice(1))).toMatchObject({ verified: false, firstBrokenRevision: 1 });
  });

  it('finds events read out of order where the order first goes wrong', async () => {
    const reordered = [events[0]!, events[3]!, events[2]!, events[1]!, events[4]!];

    expect(await verifyChain(reordered)).toMatchObject({ verified: false, firstBrokenRevision: 2 });
  });

  it('finds a repeated event', async () => {
    const repeated = [events[0]!, events[1]!, events[1]!, ...events.slice(2)];

    expect(await verifyChain(repeated)).toMatchObject({
      verified: false,
      firstBrokenRevision: 3,
      problem: 'revision 2 is out of order: revision 3 expected',
    });
  });

  it('finds two events that swapped revisions, even with every hash recomputed for its new place', async () => {
    // Swap the contents of revisions 2 and 3 and reseal both with the chain function: each event's
    // own hash is right, but the link from revision 4 to its predecessor is not.
    const [second, third] = [events[1]!, events[2]!];
    const moved2 = { ...third, revision: 2, previousHash: events[0]!.hash };
    const sealed2 = { ...moved2, hash: chainHash(moved2.previousHash, moved2) };
    const moved3 = { ...second, revision: 3, previousHash: sealed2.hash };
    const sealed3 = { ...moved3, hash: chainHash(moved3.previousHash, moved3) };

    expect(await verifyChain([events[0]!, sealed2, sealed3, ...events.slice(3)])).toMatchObject({
      verified: false,
      firstBrokenRevision: 4,
      problem: expect.stringMatching(/revision 4 does not link to the hash of revision 3/),
    });
  });

  it('finds a broken link even where the event itself is intact', async () => {
    const altered = replace(events, 1, { previousHash: 'f'.repeat(64) });

    expect(await verifyChain(altered)).toMatchObject({
      verified: false,
      firstBrokenRevision: 2,
      problem: expect.stringMatching(/does not link/),
    });
  });

  it('finds an event of another stream', async () => {
    const moved = replace(events, 2, { streamId: 'story-elsewhere' });

    expect(await verifyChain(moved, { streamId: storyStreamName(STORY) })).toMatchObject({
      verified: false,
      firstBrokenRevision: 3,
      problem: expect.stringMatching(/belongs to stream story-elsewhere/),
    });
  });

  it('reports only the first break', async () => {
    const altered = replace(replace(events, 3, { type: 'Forged' }), 1, { type: 'Forged' });

    expect(await verifyChain(altered)).toMatchObject({ firstBrokenRevision: 2 });
  });

  it('checks a long stream read lazily, one event at a time', async () => {
    let previousHash = '0'.repeat(64);
    function* generated(count: number): Iterable<StoredEvent> {
      for (let revision = 1; revision <= count; revision++) {
        const content = { streamId: 's', revision, type: 'NoteAdded', data: { text: `n${revision}` }, metadata: {} };
        const hash = chainHash(previousHash, content);
        yield { ...content, globalPosition: revision, hash, previousHash };
        previousHash = hash;
      }
    }

    expect(await verifyChain(generated(20000))).toEqual({ verified: true, events: 20000 });
  });
});
