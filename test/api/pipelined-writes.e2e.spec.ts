import { CommandBus } from '@nestjs/cqrs';
import { openSqliteEventStore, type SqliteEventStore } from '@story-tracker/event-store';
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
    // Another connection to the same file writes between this instance's decision and its commit:
    // the first write fails its revision check, and the second, decided on the first's result, must
    // not land on the other writer's event although the stream reaches the revision it expected.
    const other: SqliteEventStore = openSqliteEventStore({ file: join(test.dataDir, 'events.sqlite') });
    try {
      const outsider = other.append(`story-${STORY}`, [{ type: 'NoteAdded', data: { developmentId: 'outside', text: 'from elsewhere' }, metadata: { actor: 'x', recordedAt: new Date().toISOString(), schemaVersion: 2 } }], { expectedRevision: 1 });
      const [first, second] = await Promise.all([commands.execute(note('d-1', 'one')), commands.execute(retract('d-1'))]);
      await outsider;

      expect(first.body.revision).toBeGreaterThan(2);
      expect(second.body.revision).toBe(first.body.revision + 1);
      const events = [];
      for await (const stored of other.readStream(`story-${STORY}`)) events.push([stored.type, (stored.data as { developmentId?: string }).developmentId]);
      expect(events).toEqual([
        ['StoryOpened', undefined],
        ['NoteAdded', 'outside'],
        ['NoteAdded', 'd-1'],
        ['DevelopmentRetracted', 'd-1'],
      ]);
    } finally {
      await other.close();
    }
  });
});
