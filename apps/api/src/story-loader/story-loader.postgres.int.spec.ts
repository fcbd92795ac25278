import { fold, initialStoryState, storyStreamName, toRecordedStoryEvent, toStoryDocument } from '@story-tracker/domain';
import { openPostgresEventStore, type NewEvent, type PostgresEventStore, type StoredEvent } from '@story-tracker/event-store';
import { describeWithPostgres } from '@story-tracker/event-store/testing';
import { SNAPSHOT_INTERVAL, StoryLoader } from './story-loader.service';
import { countingReads } from './testing/counting-reads';
import { storyEventAt } from './testing/story-events';
import { SNAPSHOT_CODE_VERSION } from './snapshot-bytes';

const STORY = 'snapshotted-on-postgres';
const STREAM = storyStreamName(STORY);
const EVENTS = SNAPSHOT_INTERVAL * 2 + 117;

function eventAt(revision: number): NewEvent {
  return storyEventAt(STORY, revision, { headline: 'On PostgreSQL', development: (at) => ({ type: 'NoteAdded', data: { developmentId: `N${at}`, text: `note ${at}` } }) });
}

// The same restart as on SQLite, on a throwaway PostgreSQL cluster: the snapshots live in its
// `snapshots` table, and a new pool (a restarted instance) reads the newest one and the tail only.
describeWithPostgres('StoryLoader with snapshots in PostgreSQL', (cluster) => {
  it('after a restart, reads the newest snapshot and the events after it', async () => {
    const connectionString = await cluster().createDatabase();
    const opened: PostgresEventStore[] = [];
    const open = async () => {
      const store = await openPostgresEventStore({ connectionString });
      opened.push(store);
      return store;
    };
    try {
      const first = await open();
      await first.append(STREAM, Array.from({ length: EVENTS }, (_, i) => eventAt(i + 1)), { expectedRevision: 0 });
      const stored: StoredEvent[] = [];
      for await (const event of first.readStream(STREAM)) stored.push(event);
      const before = new StoryLoader(first);
      await before.latest(STORY);
      await before.snapshotsWritten();
      await first.close();

      const reopened = await open();
      expect((await reopened.snapshots.marks(STREAM, SNAPSHOT_CODE_VERSION)).map((mark) => [mark.revision, mark.hasState])).toEqual([[1000, true], [2000, true]]);
      const { store: counting, read } = countingReads(reopened);
      const after = new StoryLoader(counting);
      const expected = toStoryDocument(fold(stored.map(toRecordedStoryEvent), initialStoryState));
      expect(toStoryDocument(await after.latest(STORY))).toEqual(expected);
      expect(read()).toBe(EVENTS - 2000 + 1);
    } finally {
      for (const store of opened) await store.close();
    }
  }, 60_000);
});
