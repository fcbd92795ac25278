import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fold, initialStoryState, storyStreamName, toRecordedStoryEvent, toStoryDocument } from '@story-tracker/domain';
import { NoSnapshotStore, openSqliteEventStore, type EventStore, type NewEvent, type SqliteEventStore, type StoredEvent } from '@story-tracker/event-store';
import { StoryLoader } from './story-loader.service';
import { countingReads } from './testing/counting-reads';
import { storyEventAt } from './testing/story-events';

const STORY = 'own-appends';
const STREAM = storyStreamName(STORY);

function eventAt(revision: number): NewEvent {
  return storyEventAt(STORY, revision, {
    headline: 'Own appends',
    start: Date.UTC(2022, 1, 1),
    development: (at) => ({ type: 'TroopEstimateRecorded', data: { developmentId: `T${at}`, force: 'Russia', location: 'near the border', count: at * 1000 } }),
  });
}

describe('StoryLoader and the appends made through its own store', () => {
  let folder: string;
  const opened: SqliteEventStore[] = [];
  beforeEach(() => {
    folder = mkdtempSync(join(tmpdir(), 'story-loader-own-'));
  });
  afterEach(async () => {
    await Promise.all(opened.splice(0).map((store) => store.close()));
    rmSync(folder, { recursive: true, force: true });
  });
  const open = () => {
    const store = openSqliteEventStore({ file: join(folder, 'events.sqlite') });
    opened.push(store);
    return store;
  };
  const append = (store: EventStore, from: number, to: number) =>
    store.append(STREAM, Array.from({ length: to - from + 1 }, (_, i) => eventAt(from + i)), { expectedRevision: from - 1 });
  const replayed = async (store: EventStore) => {
    const events: StoredEvent[] = [];
    for await (const event of store.readStream(STREAM)) events.push(event);
    return toStoryDocument(fold(events.map(toRecordedStoryEvent), initialStoryState));
  };

  it('folds them into the head as they commit, without reading them back, to the state a replay gives', async () => {
    const own = open();
    await append(own, 1, 3);
    const { store, read } = countingReads(own);
    const loader = new StoryLoader(store, new NoSnapshotStore());
    expect(loader.knownHead(STORY)).toBeUndefined();
    expect((await loader.current(STORY)).revision).toBe(3);
    const readBefore = read();
    await append(own, 4, 6);
    await append(own, 7, 7);
    expect(loader.knownHead(STORY)?.revision).toBe(7);
    expect(read()).toBe(readBefore);
    expect(toStoryDocument(loader.knownHead(STORY)!)).toEqual(await replayed(own));
    expect(toStoryDocument(await loader.current(STORY))).toEqual(await replayed(own));
  });

  it("leaves another writer's appends, and its own that follow them, to the next read", async () => {
    const own = open();
    const other = open();
    await append(own, 1, 2);
    const loader = new StoryLoader(own, new NoSnapshotStore());
    await loader.current(STORY);
    await append(other, 3, 3);
    expect(loader.knownHead(STORY)?.revision).toBe(2);
    // Its own append now lands after one its head never saw: not folded onto the head it holds.
    await append(own, 4, 4);
    expect(loader.knownHead(STORY)?.revision).toBe(2);
    expect((await loader.current(STORY)).revision).toBe(4);
    expect(toStoryDocument(await loader.current(STORY))).toEqual(await replayed(own));
    await append(own, 5, 5);
    expect(loader.knownHead(STORY)?.revision).toBe(5);
  });

  it('takes the state folded ahead of an append as the head when that append lands, the state a replay gives', async () => {
    const own = open();
    await append(own, 1, 2);
    const loader = new StoryLoader(own, new NoSnapshotStore());
    const head = await loader.current(STORY);
    const events = [eventAt(3), eventAt(4)];
    const ahead = loader.foldAhead(STORY, head, events);
    expect(ahead.revision).toBe(4);
    await own.append(STREAM, events, { expectedRevision: 2 });
    expect(loader.knownHead(STORY)).toBe(ahead);
    expect(toStoryDocument(ahead)).toEqual(await replayed(own));
  });

  it('folds an own append that is not the one folded ahead for its revision (another request) from the store', async () => {
    const own = open();
    await append(own, 1, 2);
    const loader = new StoryLoader(own, new NoSnapshotStore());
    const head = await loader.current(STORY);
    // Folded ahead for an append that was never made (refused before it was sent, say).
    const ahead = loader.foldAhead(STORY, head, [{ ...eventAt(3), data: { developmentId: 'T3', force: 'Russia', location: 'never sent', count: 1 }, metadata: { ...eventAt(3).metadata, correlationId: 'request-a' } }]);
    await own.append(STREAM, [{ ...eventAt(3), metadata: { ...eventAt(3).metadata, correlationId: 'request-b' } }], { expectedRevision: 2 });
    expect(loader.knownHead(STORY)?.revision).toBe(3);
    expect(loader.knownHead(STORY)).not.toBe(ahead);
    expect(toStoryDocument(loader.knownHead(STORY)!)).toEqual(await replayed(own));
  });

  it("never takes a state folded ahead for a revision another writer's append took", async () => {
    const own = open();
    const other = open();
    await append(own, 1, 2);
    const loader = new StoryLoader(own, new NoSnapshotStore());
    const head = await loader.current(STORY);
    const lost = loader.foldAhead(STORY, head, [eventAt(3)]);
    await append(other, 3, 3);
    await expect(own.append(STREAM, [eventAt(3)], { expectedRevision: 2 })).rejects.toThrow();
    const caughtUp = await loader.current(STORY);
    expect(caughtUp.revision).toBe(3);
    expect(caughtUp).not.toBe(lost);
    const next = loader.foldAhead(STORY, caughtUp, [eventAt(4)]);
    await own.append(STREAM, [eventAt(4)], { expectedRevision: 3 });
    expect(loader.knownHead(STORY)).toBe(next);
    expect(toStoryDocument(next)).toEqual(await replayed(own));
  });

  it('holds no head for a story it was never asked about, nor for one it forgot', async () => {
    const own = open();
    const loader = new StoryLoader(own, new NoSnapshotStore());
    await append(own, 1, 2);
    expect(loader.knownHead(STORY)).toBeUndefined();
    await loader.current(STORY);
    await loader.forget(STORY);
    await append(own, 3, 3);
    expect(loader.knownHead(STORY)).toBeUndefined();
    expect((await loader.current(STORY)).revision).toBe(3);
  });
});
