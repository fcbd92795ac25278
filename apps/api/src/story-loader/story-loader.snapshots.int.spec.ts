import { join } from 'node:path';
import { decodeStoryState, encodeStoryState, fold, initialStoryState, storyStreamName, toRecordedStoryEvent, toStoryDocument, type StoryState } from '@story-tracker/domain';
import { eraseValues, openSqliteEventStore, type EventStore, type NewEvent, type SqliteEventStore, type StoredEvent } from '@story-tracker/event-store';
import { SqliteFileStores } from '@story-tracker/event-store/testing';
import { SNAPSHOT_INTERVAL, StoryLoader } from './story-loader.service';
import { countingReads } from './testing/counting-reads';
import { storyEventAt } from './testing/story-events';
import { openedSnapshot, sealedSnapshot, SNAPSHOT_CODE_VERSION } from './snapshot-bytes';

const STORY = 'snapshotted-story';
const STREAM = storyStreamName(STORY);
const EVENTS = SNAPSHOT_INTERVAL * 2 + 517;
const start = Date.UTC(2022, 0, 1);

function eventAt(revision: number): NewEvent {
  return storyEventAt(STORY, revision, {
    headline: 'Snapshotted',
    start,
    development: (at) => {
      if (at % 5 === 0) return { type: 'DevelopmentCorrected', data: { developmentId: `T${at - 2}`, changes: { count: at }, reason: 'Wrong' } };
      if (at % 5 === 3) return { type: 'TroopEstimateRecorded', data: { developmentId: `T${at}`, force: 'Russia', location: `sector ${at % 7}`, count: at * 100 } };
      return { type: 'NoteAdded', data: { developmentId: `N${at}`, text: `note ${at}` } };
    },
  });
}

describe('StoryLoader with snapshots in a SQLite file', () => {
  const files = new SqliteFileStores('story-loader-');
  const open = () => files.open();
  let stored: StoredEvent[];
  const documentAt = (revision: number) => toStoryDocument(fold(stored.slice(0, revision).map(toRecordedStoryEvent), initialStoryState));

  beforeEach(async () => {
    files.makeFolder();
    const writer = open();
    await writer.append(STREAM, Array.from({ length: EVENTS }, (_, i) => eventAt(i + 1)), { expectedRevision: 0 });
    stored = [];
    for await (const event of writer.readStream(STREAM)) stored.push(event);
  });
  afterEach(() => files.remove());

  async function foldOnceAndRestart(): Promise<SqliteEventStore> {
    const first = open();
    const loader = new StoryLoader(first);
    await loader.latest(STORY);
    await loader.snapshotsWritten();
    await first.close();
    return open();
  }

  it('after a restart, reads the newest snapshot and the events after it, not the whole stream', async () => {
    const reopened = await foldOnceAndRestart();
    const marks = await reopened.snapshots.marks(STREAM, SNAPSHOT_CODE_VERSION);
    expect(marks.map((mark) => [mark.revision, mark.hasState])).toEqual([[1000, true], [2000, true]]);

    const { store, read } = countingReads(reopened);
    const loader = new StoryLoader(store);
    expect(toStoryDocument(await loader.latest(STORY))).toEqual(documentAt(EVENTS));
    // The event at the snapshot's revision (its hash is checked) and the 517 after it.
    expect(read()).toBe(EVENTS - 2000 + 1);
    expect(toStoryDocument(await loader.stateAt(STORY, 1500))).toEqual(documentAt(1500));
  });

  it('answers the state at a revision after a restart from the nearest snapshot at or below it', async () => {
    const { store, read } = countingReads(await foldOnceAndRestart());
    const loader = new StoryLoader(store);
    expect(toStoryDocument(await loader.stateAt(STORY, 2100))).toEqual(documentAt(2100));
    expect(read()).toBe(101);
  });

  it('loads the head from the newest snapshot even when an older revision was read first', async () => {
    const { store, read } = countingReads(await foldOnceAndRestart());
    const loader = new StoryLoader(store);
    expect(toStoryDocument(await loader.stateAt(STORY, 1100))).toEqual(documentAt(1100));
    expect(read()).toBe(101);
    expect(toStoryDocument(await loader.latest(STORY))).toEqual(documentAt(EVENTS));
    expect(read()).toBe(101 + EVENTS - 2000 + 1);
  });

  it('decodes the snapshot for a read far past every checkpoint in memory when that is faster than folding on', async () => {
    const { store, read } = countingReads(await foldOnceAndRestart());
    const loader = new StoryLoader(store);
    expect(toStoryDocument(await loader.stateAt(STORY, 300))).toEqual(documentAt(300));
    expect(read()).toBe(300);
    // From the checkpoint at 300 that is 1,800 events; from the snapshot at 2000, its event and 100.
    expect(toStoryDocument(await loader.stateAt(STORY, 2100))).toEqual(documentAt(2100));
    expect(read()).toBe(300 + 101);
  });

  it('finds the revision recorded at a time after a restart from the time marks', async () => {
    const { store, read } = countingReads(await foldOnceAndRestart());
    const loader = new StoryLoader(store);
    expect(await loader.revisionAsOf(STORY, new Date(start + 1234 * 60_000 + 30_000))).toBe(1234);
    expect(read()).toBeLessThanOrEqual(236);
    await expect(loader.revisionAsOf(STORY, new Date(start))).rejects.toMatchObject({ code: 'RevisionNotFound' });
    expect(await loader.revisionAsOf(STORY, new Date(Date.UTC(2030, 0, 1)))).toBe(EVENTS);
  });

  it('ignores snapshots made by other code', async () => {
    const store = open();
    await store.snapshots.save({ streamId: STREAM, revision: 2000, codeVersion: 'state-0.codec-1.types-00000000', eventHash: stored[1999]!.hash, recordedAt: 0, state: Uint8Array.from([1, 2, 3]) });
    const { store: countingStore, read } = countingReads(store);
    expect(toStoryDocument(await new StoryLoader(countingStore).latest(STORY))).toEqual(documentAt(EVENTS));
    expect(read()).toBe(EVENTS);
  });

  it('never trusts a snapshot whose event hash is not the stream’s (another history), and removes it', async () => {
    const store = open();
    const otherHistory = fold(stored.slice(0, 2000).map((event) => toRecordedStoryEvent({ ...event, data: { ...(event.data as object), text: 'forged' } })), initialStoryState);
    await store.snapshots.save({ streamId: STREAM, revision: 2000, codeVersion: SNAPSHOT_CODE_VERSION, eventHash: 'f'.repeat(64), recordedAt: 0, state: sealedSnapshot([encodeStoryState(otherHistory)]) });
    const { store: countingStore, read } = countingReads(store);
    const loader = new StoryLoader(countingStore);
    expect(toStoryDocument(await loader.latest(STORY))).toEqual(documentAt(EVENTS));
    expect(read()).toBe(1 + EVENTS);
    await loader.snapshotsWritten();
    const marks = await store.snapshots.marks(STREAM, SNAPSHOT_CODE_VERSION);
    expect((await store.snapshots.nearest(STREAM, 2000, SNAPSHOT_CODE_VERSION))?.eventHash).toBe(stored[1999]!.hash);
    expect(marks.map((mark) => mark.revision)).toEqual([1000, 2000]);
  });

  it('refuses a snapshot whose bytes were damaged on disk, removes it, and folds from the events instead', async () => {
    const store = await foldOnceAndRestart();
    const damaged = (await store.snapshots.nearest(STREAM, 2000, SNAPSHOT_CODE_VERSION))!;
    expect(damaged.revision).toBe(2000);
    const bytes = Uint8Array.from(damaged.state);
    // One byte inside an entry's line: decoding would not see it (it parses only the header), the checksum does.
    bytes[Math.floor(bytes.byteLength / 3)]! ^= 0x20;
    await store.snapshots.remove(STREAM, SNAPSHOT_CODE_VERSION, [2000]);
    await store.snapshots.save({ ...damaged, state: bytes });
    const loader = new StoryLoader(store);
    expect(toStoryDocument(await loader.stateAt(STORY, 2100))).toEqual(documentAt(2100));
    await loader.snapshotsWritten();
    const now = await store.snapshots.nearest(STREAM, 2000, SNAPSHOT_CODE_VERSION);
    if (now?.revision === 2000) expect(() => openedSnapshot(now.state)).not.toThrow();
  });

  it('lets two instances fold and snapshot the same story at once', async () => {
    const [a, b] = [new StoryLoader(open()), new StoryLoader(open())];
    const heads = await Promise.all([a.latest(STORY), b.latest(STORY), a.stateAt(STORY, 2222), b.stateAt(STORY, 2222)]);
    await Promise.all([a.snapshotsWritten(), b.snapshotsWritten()]);
    expect(heads.map((head) => head.revision)).toEqual([EVENTS, EVENTS, 2222, 2222]);
    const marks = await open().snapshots.marks(STREAM, SNAPSHOT_CODE_VERSION);
    expect(marks.map((mark) => [mark.revision, mark.hasState])).toEqual([[1000, true], [2000, true]]);
    expect(toStoryDocument(await new StoryLoader(open()).stateAt(STORY, 2222))).toEqual(documentAt(2222));
  });

  it('reads and writes on when the snapshots cannot be read or written', async () => {
    const broken = openSqliteEventStore({ file: join(files.folder, 'other.sqlite') });
    await broken.close();
    const loader = new StoryLoader(open(), broken.snapshots);
    expect(toStoryDocument(await loader.latest(STORY))).toEqual(documentAt(EVENTS));
    expect(await loader.revisionAsOf(STORY, new Date(start + 1500 * 60_000))).toBe(1500);
    await loader.snapshotsWritten();
  });

  it('keeps following the story as it grows, snapshotting the new head', async () => {
    const store = open();
    const loader = new StoryLoader(store);
    await loader.latest(STORY);
    const more = Array.from({ length: 1000 - 517 }, (_, i) => eventAt(EVENTS + i + 1));
    await store.append(STREAM, more, { expectedRevision: EVENTS });
    expect((await loader.latest(STORY)).revision).toBe(3000);
    await loader.snapshotsWritten();
    const marks = await store.snapshots.marks(STREAM, SNAPSHOT_CODE_VERSION);
    // The newest two are kept with their states; 1000 keeps only its mark now.
    expect(marks.map((mark) => [mark.revision, mark.hasState])).toEqual([[1000, false], [2000, true], [3000, true]]);
  });

  it('keeps no state of a fold under way when the story is forgotten (a redaction erased what it had read)', async () => {
    const store = open();
    // The fold stops after revision 500 until a value it has read is erased and the story forgotten.
    let paused!: () => void;
    const reachedPause = new Promise<void>((resolve) => (paused = resolve));
    let resume!: () => void;
    const resumed = new Promise<void>((resolve) => (resume = resolve));
    const gated = Object.create(store, {
      readStream: {
        value: async function* (...args: Parameters<EventStore['readStream']>) {
          for await (const event of store.readStream(...args)) {
            yield event;
            if (event.revision === 500) {
              paused();
              await resumed;
            }
          }
        },
      },
    }) as EventStore;
    const loader = new StoryLoader(gated, store.snapshots);
    const locationOf = (state: StoryState) => (state.developments.get('T3')!.development as { location: string }).location;
    const folding = loader.latest(STORY);
    await reachedPause;
    await eraseValues(store, STREAM, [{ revision: 3, pointers: ['/location'] }], '[redacted]');
    await loader.forget(STORY);
    resume();
    // The read under way answers what it read; nothing of it is kept, in memory or as a snapshot.
    expect(locationOf(await folding)).toBe('sector 3');
    await loader.snapshotsWritten();
    expect(await store.snapshots.marks(STREAM, SNAPSHOT_CODE_VERSION)).toEqual([]);
    expect(locationOf(await loader.stateAt(STORY, 1500))).toBe('[redacted]');
    expect(locationOf(await loader.latest(STORY))).toBe('[redacted]');
    await loader.snapshotsWritten();
    const marks = await store.snapshots.marks(STREAM, SNAPSHOT_CODE_VERSION);
    expect(marks.map((mark) => [mark.revision, mark.hasState])).toEqual([[1000, true], [2000, true]]);
    expect(locationOf(decodeStoryState(openedSnapshot((await store.snapshots.nearest(STREAM, 2000, SNAPSHOT_CODE_VERSION))!.state)))).toBe('[redacted]');
  });
});
