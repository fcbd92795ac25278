import { CommandBus } from '@nestjs/cqrs';
import Database from 'better-sqlite3';
import { chainHash } from '@story-tracker/event-store';
import { join } from 'node:path';
import { ExecuteStoryCommand, type WriteContext } from '../../apps/api/src/stories/commands/execute-story-command.command';
import { asEditor, openStory, startTestApp, type TestApp } from '../support/test-app';

const STORY = 'russia-ukraine-standoff';

const context = (extra: Partial<WriteContext> = {}): WriteContext => ({ actor: 'editor-1', requestId: 'req-1', successStatus: 201, ...extra });
const note = (developmentId: string, text: string) =>
  new ExecuteStoryCommand(STORY, { type: 'RecordDevelopment', data: { developmentId, development: { type: 'note', text } } }, context());
const retract = (developmentId: string, extra: Partial<WriteContext> = {}) =>
  new ExecuteStoryCommand(STORY, { type: 'RetractDevelopment', data: { developmentId, reason: 'not confirmed' } }, context(extra));

const settle = (promise: Promise<unknown>) =>
  promise.then(
    (value) => ({ ok: true as const, value }),
    (error: unknown) => ({ ok: false as const, code: (error as { code?: string }).code }),
  );

/**
 * Writes to one story sent together are decided one after the other on the state that includes the
 * ones ahead of them, before those are committed (and committed together): every answer must be the
 * one they would get one at a time.
 */
describe('writes to one story sent together (pipelined, sqlite store)', () => {
  let test: TestApp;
  let commands: CommandBus;
  beforeEach(async () => {
    test = await startTestApp({ store: 'sqlite' });
    await openStory(test);
    commands = test.app.get(CommandBus);
  });
  afterEach(() => test.close());

  it('decides each on the one ahead of it: a retraction right behind the development it retracts', async () => {
    const [recorded, retracted, afterBoth] = await Promise.all([
      commands.execute(note('d-1', 'drills near Pripyat')),
      commands.execute(retract('d-1')),
      commands.execute(note('d-2', 'a second note')),
    ]);

    expect([recorded.body.revision, retracted.body.revision, afterBoth.body.revision]).toEqual([2, 3, 4]);
    const story = (await test.http.get(`/stories/${STORY}`).set(asEditor).expect(200)).body;
    expect(story.revision).toBe(4);
  });

  it('checks If-Match against the revision the writes ahead lead to', async () => {
    const answers = await Promise.all([
      settle(commands.execute(note('d-1', 'one'))),
      settle(commands.execute(new ExecuteStoryCommand(STORY, { type: 'RecordDevelopment', data: { developmentId: 'd-2', development: { type: 'note', text: 'two' } } }, context({ expectedRevision: 2 })))),
      settle(commands.execute(new ExecuteStoryCommand(STORY, { type: 'RecordDevelopment', data: { developmentId: 'd-3', development: { type: 'note', text: 'stale' } } }, context({ expectedRevision: 2 })))),
    ]);

    expect(answers.map((answer) => (answer.ok ? 'recorded' : answer.code))).toEqual(['recorded', 'recorded', 'RevisionConflict']);
    expect(await test.eventCount()).toBe(3);
  });

  it('gives a refusal only on what is committed: the second retraction of one development is refused, once', async () => {
    await commands.execute(note('d-1', 'drills near Pripyat'));

    const answers = await Promise.all([settle(commands.execute(retract('d-1'))), settle(commands.execute(retract('d-1')))]);

    expect(answers.map((answer) => answer.ok)).toEqual([true, false]);
    expect(await test.eventCount()).toBe(3);
  });

  it('decides again what was built on an append that another writer beat', async () => {
    // Another connection to the same file holds the write lock and writes revision 2 meanwhile: this
    // instance decides both commands on revision 1 and hands them to its writer, which waits for the
    // lock. Then the other commits: the first write fails its revision check, and the second, decided
    // on the first's result, must not land on the other writer's event although the stream has
    // reached the revision it expected. Both are decided again.
    const file = join(test.dataDir, 'events.sqlite');
    const raw = new Database(file);
    try {
      raw.pragma('busy_timeout = 5000');
      raw.exec('BEGIN IMMEDIATE');
      const stream = `story-${STORY}`;
      const head = raw.prepare<[string], { hash: string }>('SELECT hash FROM events WHERE stream_id = ? AND revision = 1').get(stream)!;
      const content = { streamId: stream, revision: 2, type: 'NoteAdded', data: { developmentId: 'outside', text: 'from elsewhere' }, metadata: { actor: 'x', recordedAt: new Date().toISOString(), schemaVersion: 2 } };
      raw
        .prepare('INSERT INTO events (stream_id, revision, type, data, metadata, hash, previous_hash) VALUES (?, ?, ?, ?, ?, ?, ?)')
        .run(stream, 2, content.type, JSON.stringify(content.data), JSON.stringify(content.metadata), chainHash(head.hash, content), head.hash);

      const both = Promise.all([commands.execute(note('d-1', 'one')), commands.execute(retract('d-1'))]);
      await new Promise((resolve) => setTimeout(resolve, 100));
      raw.exec('COMMIT');
      const [first, second] = await both;

      expect([first.body.revision, second.body.revision]).toEqual([3, 4]);
      const events = raw.prepare<[string], { type: string; data: string }>('SELECT type, data FROM events WHERE stream_id = ? ORDER BY revision').all(stream);
      expect(events.map((event) => [event.type, (JSON.parse(event.data) as { developmentId?: string }).developmentId])).toEqual([
        ['StoryOpened', undefined],
        ['NoteAdded', 'outside'],
        ['NoteAdded', 'd-1'],
        ['DevelopmentRetracted', 'd-1'],
      ]);
    } finally {
      raw.close();
    }
  });
});
