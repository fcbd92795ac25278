import type Database from 'better-sqlite3';
import { storyStreamName } from '@story-tracker/domain';
import { verifyChain } from '@story-tracker/event-store';
import { SqliteFileStores } from '@story-tracker/event-store/testing';
import { auditStory } from './audit-story';
import { STORY, appendStory } from './testing/audit-fixtures';
import { tamperWithFile } from './testing/tamper-file';

/**
 * Tampering with a real SQLite file behind the store's back, the way someone with access to the file
 * could: the store is closed, the rows are changed with a connection of our own, and the file is
 * opened again for the audit.
 */
describe('auditing a story in a tampered SQLite file', () => {
  const files = new SqliteFileStores('audit-tamper-');
  const open = () => files.open();

  /** Runs SQL on the closed file with a plain better-sqlite3 connection. */
  const tamper = (change: (db: Database.Database) => void) => tamperWithFile(files.file, change);

  const auditReopened = async () => auditStory(open(), STORY);

  beforeEach(async () => {
    files.makeFolder();
    const store = open();
    await appendStory(store, 'another-story');
    await appendStory(store);
    await store.close();
  });

  afterEach(() => files.remove());

  const stream = storyStreamName(STORY);

  it('verifies an untouched file, with the same state hash on every audit', async () => {
    const first = await auditReopened();
    const second = await auditReopened();

    expect(first).toEqual({ verified: true, events: 5, stateHash: expect.stringMatching(/^[0-9a-f]{64}$/) });
    expect(second).toEqual(first);
  });

  it('locates changed event data at its revision', async () => {
    tamper((db) => {
      const row = db.prepare('SELECT data FROM events WHERE stream_id = ? AND revision = 2').get(stream) as { data: string };
      const data = JSON.parse(row.data);
      db.prepare('UPDATE events SET data = ? WHERE stream_id = ? AND revision = 2').run(JSON.stringify({ ...data, count: 150000 }), stream);
    });

    expect(await auditReopened()).toMatchObject({ verified: false, events: 5, firstBrokenRevision: 2, problem: expect.stringMatching(/hash/) });
  });

  it('locates a deleted event at the gap it leaves', async () => {
    tamper((db) => db.prepare('DELETE FROM events WHERE stream_id = ? AND revision = 3').run(stream));

    expect(await auditReopened()).toMatchObject({ verified: false, events: 4, firstBrokenRevision: 3, problem: expect.stringMatching(/missing/) });
  });

  it('locates two events that swapped revisions', async () => {
    // UNIQUE (stream_id, revision) forbids the swap in one step: park one row on a free revision first.
    tamper((db) => {
      const move = db.prepare('UPDATE events SET revision = ? WHERE stream_id = ? AND revision = ?');
      move.run(1000, stream, 2);
      move.run(2, stream, 4);
      move.run(4, stream, 1000);
    });

    expect(await auditReopened()).toMatchObject({ verified: false, events: 5, firstBrokenRevision: 2 });
  });

  it('locates a changed actor in the metadata', async () => {
    tamper((db) => {
      db.prepare("UPDATE events SET metadata = json_set(metadata, '$.actor', 'mallory') WHERE stream_id = ? AND revision = 4").run(stream);
    });

    expect(await auditReopened()).toMatchObject({ verified: false, firstBrokenRevision: 4 });
  });

  it('locates a changed event type', async () => {
    tamper((db) => db.prepare("UPDATE events SET type = 'SummaryRevised' WHERE stream_id = ? AND revision = 5").run(stream));

    expect(await verifyChain(open().readStream(stream))).toMatchObject({ verified: false, firstBrokenRevision: 5 });
  });

  it('leaves the other stories of the file verified', async () => {
    tamper((db) => db.prepare('DELETE FROM events WHERE stream_id = ? AND revision = 1').run(stream));
    const store = open();

    expect(await auditStory(store, STORY)).toMatchObject({ verified: false, firstBrokenRevision: 1 });
    expect(await auditStory(store, 'another-story')).toMatchObject({ verified: true, events: 5 });
  });
});
