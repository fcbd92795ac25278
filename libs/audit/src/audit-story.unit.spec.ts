import { createHash } from 'node:crypto';
import { canonicalJson } from '@story-tracker/event-store';
import { storyStreamName, toStoryDocument } from '@story-tracker/domain';
import { InMemoryEventStore, type EventStore, type StoredEvent } from '@story-tracker/event-store';
import { auditStory } from './audit-story';
import { replayStory } from './replay/replay-story';
import { STORY, appendStory, sampleStory, storyEvent } from './testing/audit-fixtures';

/** A store whose reads pass through `alter`, standing in for a file changed behind the store's back. */
function tampered(store: EventStore, alter: (event: StoredEvent) => StoredEvent | undefined): EventStore {
  return new Proxy(store, {
    get(target, property, receiver) {
      if (property !== 'readStream') return Reflect.get(target, property, receiver);
      return async function* (...args: Parameters<EventStore['readStream']>) {
        for await (const event of target.readStream(...args)) {
          const altered = alter(event);
          if (altered) yield altered;
        }
      };
    },
  });
}

describe('auditStory', () => {
  let store: InMemoryEventStore;
  beforeEach(async () => {
    store = new InMemoryEventStore();
    await appendStory(store);
  });

  it('verifies the chain and hashes the canonical state document replayed from scratch', async () => {
    const audit = await auditStory(store, STORY);

    const { state } = await replayStory(store, STORY);
    const expected = createHash('sha256').update(canonicalJson(toStoryDocument(state))).digest('hex');
    expect(audit).toEqual({ verified: true, events: 5, stateHash: expected });
    expect(toStoryDocument(state)).toMatchObject({ id: STORY, revision: 5, status: 'published', headline: 'Russia and the US to meet in Geneva' });
  });

  it('gives the same state hash every time, and another one once the story moves on', async () => {
    const first = await auditStory(store, STORY);
    expect(await auditStory(store, STORY)).toEqual(first);

    await appendStory(store, STORY, [storyEvent('SummaryRevised', { summary: 'Talks are planned' }, 9)]);

    const after = await auditStory(store, STORY);
    expect(after).toMatchObject({ verified: true, events: 6 });
    expect(after.stateHash).not.toBe(first.stateHash);
  });

  it('does not depend on the store: the same events in another store give the same hash', async () => {
    const other = new InMemoryEventStore();
    await other.append('story-some-other-story', [storyEvent('NoteAdded', { developmentId: 'x', text: 'x' }, 0)], { expectedRevision: 0 });
    await appendStory(other);

    expect((await auditStory(other, STORY)).stateHash).toBe((await auditStory(store, STORY)).stateHash);
  });

  it('answers events 0 for a story with no stream', async () => {
    expect(await auditStory(store, 'no-such-story')).toMatchObject({ verified: true, events: 0 });
  });

  it('locates altered data, and hashes only the state of the revisions before it', async () => {
    const altered = tampered(store, (event) =>
      event.revision === 4 ? { ...event, data: { headline: 'Forged headline' } } : event,
    );
    const prefix = new InMemoryEventStore();
    await appendStory(prefix, STORY, sampleStory().slice(0, 3));

    const audit = await auditStory(altered, STORY);

    expect(audit).toMatchObject({ verified: false, events: 5, firstBrokenRevision: 4, problem: expect.any(String) });
    expect(audit.stateHash).toBe((await auditStory(prefix, STORY)).stateHash);
  });

  it('locates a deleted event', async () => {
    const audit = await auditStory(tampered(store, (event) => (event.revision === 2 ? undefined : event)), STORY);

    expect(audit).toMatchObject({ verified: false, events: 4, firstBrokenRevision: 2 });
  });

  it('reports each event read, for progress', async () => {
    const seen: number[] = [];
    await auditStory(store, STORY, { onEvent: (read) => seen.push(read) });

    expect(seen).toEqual([1, 2, 3, 4, 5]);
  });
});

describe('replayStory', () => {
  let store: InMemoryEventStore;
  beforeEach(async () => {
    store = new InMemoryEventStore();
    await appendStory(store);
  });

  it('gives the state as it stood at a revision', async () => {
    const { chain, state } = await replayStory(store, STORY, { toRevision: 3 });

    expect(chain).toEqual({ verified: true, events: 3 });
    expect(toStoryDocument(state)).toMatchObject({ revision: 3, status: 'draft', headline: 'Russia masses troops near Ukraine' });
    expect(Object.keys(toStoryDocument(state).meetings)).toEqual(['dev-2']);
  });

  it('folds unverified events only when asked to', async () => {
    const altered = tampered(store, (event) => (event.revision === 4 ? { ...event, data: { headline: 'Forged' } } : event));

    expect(toStoryDocument((await replayStory(altered, STORY)).state)).toMatchObject({ revision: 3 });
    expect(toStoryDocument((await replayStory(altered, STORY, { includeUnverified: true })).state)).toMatchObject({
      revision: 5,
      headline: 'Forged',
    });
  });

  it('reads the story stream named by the domain', async () => {
    const reads: string[] = [];
    const spy = new Proxy(store, {
      get(target, property, receiver) {
        if (property === 'readStream') return (stream: string) => (reads.push(stream), target.readStream(stream));
        return Reflect.get(target, property, receiver);
      },
    });
    await replayStory(spy, STORY);

    expect(reads).toEqual([storyStreamName(STORY)]);
  });
});
