import { fold, initialStoryState, storyStreamName, toRecordedStoryEvent, toStoryDocument, type StoryState } from '@story-tracker/domain';
import { InMemoryEventStore, verifyChain, type EventStore, type NewEvent, type StoredEvent } from '@story-tracker/event-store';
import { SqliteFileStores } from '@story-tracker/event-store/testing';
import { storyEvent } from '../testing/audit-fixtures';
import { tamperWithFile } from '../testing/tamper-file';
import { EVENTS_FOR_A_SECOND_THREAD, replayStory } from './replay-story';

const STORY = 'long-standoff';
const STREAM = storyStreamName(STORY);
const LENGTH = EVENTS_FOR_A_SECOND_THREAD + 1500;

/** A story long enough for a second thread: notes, every tenth of them corrected, as the API writes them. */
function longStory(): NewEvent[] {
  const events: NewEvent[] = [storyEvent('StoryOpened', { storyId: STORY, headline: 'Troops gather', summary: '', tags: ['russia'] }, 0)];
  for (let revision = 2; events.length < LENGTH; revision++) {
    const minute = revision % 50_000;
    events.push(
      revision % 10 === 0
        ? storyEvent('DevelopmentCorrected', { developmentId: `note-${revision - 1}`, changes: { text: `Note ${revision - 1}, corrected` }, reason: 'Wording' }, minute)
        : storyEvent('NoteAdded', { developmentId: `note-${revision}`, text: `Note ${revision}`, occurredAt: '2022-02-01T10:00:00.000Z', source: { name: 'Reuters' } }, minute),
    );
  }
  return events;
}

async function appendInRuns(store: EventStore, events: readonly NewEvent[]): Promise<void> {
  for (let start = 0; start < events.length; start += 2000) {
    await store.append(STREAM, events.slice(start, start + 2000), { expectedRevision: start });
  }
}

async function storedEvents(store: EventStore): Promise<StoredEvent[]> {
  const events: StoredEvent[] = [];
  for await (const event of store.readStream(STREAM)) events.push(event);
  return events;
}

/** The document of the fold of the given events from the empty story, one by one. */
const documentOf = (events: readonly StoredEvent[]) => toStoryDocument(fold(events.map(toRecordedStoryEvent), initialStoryState) as StoryState);

describe('replaying a long story with its chain checked on a second thread', () => {
  jest.setTimeout(120_000);
  const files = new SqliteFileStores('replay-two-threads-');
  const open = () => files.open();
  const tamper = (sql: string, ...parameters: unknown[]) => tamperWithFile(files.file, (db) => db.prepare(sql).run(...parameters));

  beforeAll(async () => {
    files.makeFolder();
    const store = open();
    await appendInRuns(store, longStory());
    await store.close();
  });

  afterEach(() => files.closeAll());

  afterAll(() => files.remove());

  it('gives what one thread gives on an intact story: every event verified and folded, progress for each', async () => {
    const store = open();
    const seen: number[] = [];

    const replay = await replayStory(store, STORY, { onEvent: (read) => seen.push(read) });

    expect(replay.chain).toEqual({ verified: true, events: LENGTH });
    expect(replay.chain).toEqual(await verifyChain(store.readStream(STREAM)));
    expect(toStoryDocument(replay.state)).toEqual(documentOf(await storedEvents(store)));
    expect(seen).toEqual(Array.from({ length: LENGTH }, (_, index) => index + 1));
  });

  it('folds only the revisions before a break, and reports the break where one thread does', async () => {
    const store = open();
    const intact = await storedEvents(store);
    await store.close();
    tamper(`UPDATE events SET data = json_set(data, '$.text', 'Forged') WHERE stream_id = ? AND revision = ?`, STREAM, 7001);
    try {
      const reopened = open();

      const replay = await replayStory(reopened, STORY);

      expect(replay.chain).toEqual({ ...(await verifyChain(reopened.readStream(STREAM))), verified: false, firstBrokenRevision: 7001 });
      expect(toStoryDocument(replay.state)).toEqual(documentOf(intact.slice(0, 7000)));
      const everything = await replayStory(reopened, STORY, { includeUnverified: true });
      expect(toStoryDocument(everything.state)).toEqual(documentOf(await storedEvents(reopened)));
      expect(JSON.stringify(toStoryDocument(everything.state))).toContain('Forged');
      expect(JSON.stringify(toStoryDocument(replay.state))).not.toContain('Forged');
    } finally {
      tamper(`UPDATE events SET data = ? WHERE stream_id = ? AND revision = ?`, JSON.stringify(intact[7000]!.data), STREAM, 7001);
    }
  });

  it('never folds a tampered event that would not fold: the replay stops before it, as one thread does', async () => {
    const store = open();
    const intact = await storedEvents(store);
    await store.close();
    // An event of a type no version of the tracker wrote: the fold refuses it.
    tamper(`UPDATE events SET type = 'StoryBurned' WHERE stream_id = ? AND revision = ?`, STREAM, 9000);
    try {
      const reopened = open();

      const replay = await replayStory(reopened, STORY);

      expect(replay.chain).toMatchObject({ verified: false, firstBrokenRevision: 9000, events: LENGTH });
      expect(toStoryDocument(replay.state)).toEqual(documentOf(intact.slice(0, 8999)));
      await expect(replayStory(reopened, STORY, { includeUnverified: true })).rejects.toThrow();
    } finally {
      tamper(`UPDATE events SET type = ? WHERE stream_id = ? AND revision = ?`, intact[8999]!.type, STREAM, 9000);
    }
  });

  it('works the same from a store that keeps no text (the chain thread gets the events written back)', async () => {
    const source = await storedEvents(open());
    const memory = new InMemoryEventStore();
    await appendInRuns(memory, source.map(({ type, data, metadata }) => ({ type, data, metadata })));

    const replay = await replayStory(memory, STORY);

    expect(replay.chain).toEqual({ verified: true, events: LENGTH });
    expect(toStoryDocument(replay.state)).toEqual(documentOf(source));
  });
});
