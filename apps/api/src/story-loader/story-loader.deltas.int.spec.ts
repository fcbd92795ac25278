import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fold, initialStoryState, storyStreamName, toRecordedStoryEvent, toStoryDocument } from '@story-tracker/domain';
import { openSqliteEventStore, type NewEvent, type SqliteEventStore, type StoredEvent } from '@story-tracker/event-store';
import { DELTA_CODE_VERSION, SNAPSHOT_CODE_VERSION } from './snapshot-bytes';
import { StoryLoader } from './story-loader.service';
import { countingReads } from './testing/counting-reads';
import { storyEventAt } from './testing/story-events';

const STORY = 'story-with-deltas';
const STREAM = storyStreamName(STORY);
/**
 * The states kept for good are 5,000 apart from 20,000: deltas at 23,000 and 24,000 over 20,000, at
 * 28,000 and 29,000 over 25,000 (the whole states at 26,000 and 28,000 are the recent ones).
 */
const EVENTS = 29_345;
const DELTAS = [23_000, 24_000, 28_000, 29_000];

function eventAt(revision: number): NewEvent {
  return storyEventAt(STORY, revision, {
    headline: 'Deltas',
    development: (at) => {
      if (at % 5 === 0) return { type: 'DevelopmentCorrected', data: { developmentId: `T${at - 2}`, changes: { count: at }, reason: 'Wrong' } };
      if (at % 5 === 3) return { type: 'TroopEstimateRecorded', data: { developmentId: `T${at}`, force: 'Russia', location: `sector ${at % 7}`, count: at * 100 } };
      if (at % 997 === 0) return { type: 'DevelopmentRetracted', data: { developmentId: `N${at - 1}`, reason: 'Duplicate' } };
      return { type: 'NoteAdded', data: { developmentId: `N${at}`, text: `note ${at}` } };
    },
  });
}

describe('StoryLoader with deltas between the states kept whole', () => {
  jest.setTimeout(60_000);
  let folder: string;
  let file: string;
  let stored: StoredEvent[];
  const opened: SqliteEventStore[] = [];
  const open = () => {
    const store = openSqliteEventStore({ file });
    opened.push(store);
    return store;
  };
  const documentAt = (revision: number) => toStoryDocument(fold(stored.slice(0, revision).map(toRecordedStoryEvent), initialStoryState));
  const deltaRevisions = async (store: SqliteEventStore) => (await store.snapshots.marks(STREAM, DELTA_CODE_VERSION)).filter((mark) => mark.hasState).map((mark) => mark.revision);

  beforeAll(async () => {
    folder = mkdtempSync(join(tmpdir(), 'story-loader-deltas-'));
    file = join(folder, 'events.sqlite');
    const writer = open();
    await writer.append(STREAM, Array.from({ length: EVENTS }, (_, i) => eventAt(i + 1)), { expectedRevision: 0 });
    stored = [];
    for await (const event of writer.readStream(STREAM)) stored.push(event);
    // The first fold, from the first event: whole states where they are kept for good, deltas in between.
    const loader = new StoryLoader(writer);
    await loader.latest(STORY);
    await loader.snapshotsWritten();
  });
  afterAll(async () => {
    for (const store of opened.splice(0)) await store.close();
    rmSync(folder, { recursive: true, force: true });
  });

  it('writes a delta at the thousands at least DELTA_MIN_GAIN above a state kept for good, a fraction of its size', async () => {
    const store = open();
    expect(await deltaRevisions(store)).toEqual(DELTAS);
    const whole = await store.snapshots.nearest(STREAM, 20_000, SNAPSHOT_CODE_VERSION);
    const delta = await store.snapshots.nearest(STREAM, 23_000, DELTA_CODE_VERSION);
    expect(whole?.revision).toBe(20_000);
    expect(delta?.revision).toBe(23_000);
    expect(Buffer.concat(delta!.state).byteLength).toBeLessThan(Buffer.concat(whole!.state).byteLength / 4);
  });

  it('after a restart, reads a revision from the delta below it and its base, folding only the events after the delta', async () => {
    const { store, read } = countingReads(open());
    const loader = new StoryLoader(store);
    expect(toStoryDocument(await loader.stateAt(STORY, 23_500))).toEqual(documentAt(23_500));
    // The events at the delta's and at the base's revisions (their hashes are checked), and the 500 after the delta.
    expect(read()).toBe(2 + 500);
    expect(toStoryDocument(await loader.stateAt(STORY, 24_001))).toEqual(documentAt(24_001));
  });

  it('reads from a whole state where it is less than DELTA_MIN_GAIN below the delta (cheaper than the delta and its base)', async () => {
    const { store, read } = countingReads(open());
    // The delta at 29,000 is 1,000 above the recent whole state at 28,000: the event at 28,000, and the 1,100 after it.
    expect(toStoryDocument(await new StoryLoader(store).stateAt(STORY, 29_100))).toEqual(documentAt(29_100));
    expect(read()).toBe(1 + 1100);
  });

  it('writes the deltas again from a fold on from a decoded base, and reads from them as from the first ones', async () => {
    const store = open();
    await store.snapshots.remove(STREAM, DELTA_CODE_VERSION, [23_000, 24_000]);
    const loader = new StoryLoader(store);
    // From the whole state at 20,000, decoded, past 23,000 and 24,000.
    expect(toStoryDocument(await loader.stateAt(STORY, 24_300))).toEqual(documentAt(24_300));
    await loader.snapshotsWritten();
    expect(await deltaRevisions(store)).toEqual(DELTAS);
    const { store: counted, read } = countingReads(open());
    expect(toStoryDocument(await new StoryLoader(counted).stateAt(STORY, 23_001))).toEqual(documentAt(23_001));
    expect(read()).toBe(2 + 1);
  });

  it('keeps a delta the store failed to read, and answers from a whole state', async () => {
    const store = open();
    const nearest = store.snapshots.nearest.bind(store.snapshots);
    jest.spyOn(store.snapshots, 'nearest').mockImplementation(async (streamId, atOrBefore, codeVersion) => {
      if (codeVersion === DELTA_CODE_VERSION) throw new Error('disk I/O error');
      return nearest(streamId, atOrBefore, codeVersion);
    });
    expect(toStoryDocument(await new StoryLoader(store).stateAt(STORY, 24_200))).toEqual(documentAt(24_200));
    expect(await deltaRevisions(open())).toContain(24_000);
  });

  it('drops a delta whose bytes are damaged or whose base is gone, and answers from a whole state', async () => {
    const store = open();
    const delta = await store.snapshots.nearest(STREAM, 23_000, DELTA_CODE_VERSION);
    const damaged = Buffer.concat(delta!.state);
    damaged[100] = damaged[100]! ^ 0xff;
    await store.snapshots.remove(STREAM, DELTA_CODE_VERSION, [23_000]);
    await store.snapshots.save({ ...delta!, state: damaged });
    const loader = new StoryLoader(store);
    expect(toStoryDocument(await loader.stateAt(STORY, 23_100))).toEqual(documentAt(23_100));
    expect(await deltaRevisions(store)).not.toContain(23_000);
    await loader.snapshotsWritten();
    // Removed, then written again by the fold on from the whole state at 20,000, which passed 23,000.
    expect(await deltaRevisions(store)).toContain(23_000);

    await store.snapshots.remove(STREAM, SNAPSHOT_CODE_VERSION, [20_000]);
    const again = new StoryLoader(store);
    expect(toStoryDocument(await again.stateAt(STORY, 24_500))).toEqual(documentAt(24_500));
    expect(await deltaRevisions(store)).not.toContain(24_000);
    await again.snapshotsWritten();
  });

  it('forgets the deltas with the story’s other snapshots (a redaction), those still waiting to be written too', async () => {
    const store = open();
    const loader = new StoryLoader(store);
    await store.snapshots.remove(STREAM, DELTA_CODE_VERSION, [23_000, 24_000]);
    // From the whole state at 20,000, decoded, past 23,000 and 24,000: their deltas wait to be written.
    expect(toStoryDocument(await loader.stateAt(STORY, 24_300))).toEqual(documentAt(24_300));
    await loader.forget(STORY);
    await loader.snapshotsWritten();
    expect(await deltaRevisions(store)).toEqual([]);
    expect(await store.snapshots.marks(STREAM, SNAPSHOT_CODE_VERSION)).toEqual([]);
  });
});
