import { existsSync } from 'node:fs';
import { join } from 'node:path';
import type { Database } from 'better-sqlite3';
import { storyStreamName } from '@story-tracker/domain';
import { appendStory, longStory } from '../fixtures/audited-story.fixture';
import { CliDataDir } from './cli-harness';

const STORY = 'russia-ukraine-standoff';
const OTHER = 'macron-in-moscow';
const stream = storyStreamName(STORY);

const changeData = (revision: number, change: Record<string, unknown>) => (db: Database) => {
  const row = db.prepare('SELECT data FROM events WHERE stream_id = ? AND revision = ?').get(stream, revision) as { data: string };
  db.prepare('UPDATE events SET data = ? WHERE stream_id = ? AND revision = ?').run(JSON.stringify({ ...JSON.parse(row.data), ...change }), stream, revision);
};

describe('the auditors’ CLI', () => {
  let dataDir: CliDataDir;
  beforeEach(async () => {
    dataDir = new CliDataDir();
    await dataDir.fill(async (store) => {
      await appendStory(store, STORY);
      await appendStory(store, OTHER);
    });
  });
  afterEach(() => dataDir.remove());

  describe('export', () => {
    it('writes the raw log as NDJSON, one flat entry a line, and nothing else', async () => {
      const { code, stdout, stderr } = await dataDir.run(['export', STORY]);

      expect(code).toBe(0);
      expect(stderr.text).toBe('');
      expect(stdout.text.endsWith('\n')).toBe(true);
      const entries = stdout.lines.map((line) => JSON.parse(line));
      expect(entries.map((entry) => [entry.revision, entry.type])).toEqual([
        [1, 'StoryOpened'],
        [2, 'TroopEstimateRecorded'],
        [3, 'MeetingScheduled'],
        [4, 'HeadlineRevised'],
        [5, 'StoryPublished'],
      ]);
      expect(entries[0]).toEqual({
        revision: 1,
        globalPosition: 1,
        logIndex: 0,
        type: 'StoryOpened',
        data: { storyId: STORY, headline: 'Russia masses troops near Ukraine', summary: 'Satellite images show a build-up', tags: ['russia', 'ukraine'] },
        actor: 'alice',
        recordedAt: '2022-01-10T09:00:00.000Z',
        occurredAt: null,
        editSummary: 'New story',
        correlationId: 'req-0',
        causationId: null,
        idempotencyKey: null,
        schemaVersion: 2,
        hash: expect.stringMatching(/^[0-9a-f]{64}$/),
        previousHash: '0'.repeat(64),
        hashScheme: 2,
        salts: expect.objectContaining({ '/headline': expect.stringMatching(/^[A-Za-z0-9+/]{22}==$/) }),
      });
      expect(entries[1]).toMatchObject({ occurredAt: '2022-01-09T12:00:00.000Z', idempotencyKey: 'key-1' });
      entries.slice(1).forEach((entry, index) => expect(entry.previousHash).toBe(entries[index].hash));
    });

    it('refuses an unknown story with exit code 2', async () => {
      const { code, stdout, stderr } = await dataDir.run(['export', 'no-such-story']);

      expect(code).toBe(2);
      expect(stdout.text).toBe('');
      expect(stderr.text).toMatch(/no story "no-such-story"/);
    });
  });

  describe('verify', () => {
    it('says ok for an untouched story, with its event count and state hash, and exits 0', async () => {
      const { code, stdout } = await dataDir.run(['verify', STORY]);

      expect(code).toBe(0);
      expect(stdout.lines).toEqual([expect.stringMatching(new RegExp(`^${STORY}: ok \\(5 events, stateHash [0-9a-f]{64}\\)$`))]);
    });

    it('gives the same state hash on every run', async () => {
      const first = await dataDir.run(['verify', STORY]);
      const second = await dataDir.run(['verify', STORY]);

      expect(second.stdout.text).toBe(first.stdout.text);
    });

    it('checks every story with --all', async () => {
      const { code, stdout, stderr } = await dataDir.run(['verify', '--all']);

      expect(code).toBe(0);
      expect(stdout.lines).toEqual([expect.stringMatching(new RegExp(`^${STORY}: ok`)), expect.stringMatching(new RegExp(`^${OTHER}: ok`))]);
      expect(stderr.text).toBe('2 stories: 2 ok, 0 broken\n');
    });

    it('names the revision where the data was changed, and exits 1', async () => {
      dataDir.tamper(changeData(3, { location: 'Vienna' }));

      const { code, stdout } = await dataDir.run(['verify', STORY]);

      expect(code).toBe(1);
      expect(stdout.lines).toEqual([`${STORY}: BROKEN at revision 3 (revision 3 does not match its hash (type, data or metadata changed))`]);
    });

    it('names the gap a deleted event leaves', async () => {
      dataDir.tamper((db) => db.prepare('DELETE FROM events WHERE stream_id = ? AND revision = 2').run(stream));

      const { code, stdout } = await dataDir.run(['verify', STORY]);

      expect(code).toBe(1);
      expect(stdout.text).toMatch(/BROKEN at revision 2 \(revision 2 is missing/);
    });

    it('with --all, exits 1 when one story is broken and still checks the others', async () => {
      dataDir.tamper((db) => db.prepare("UPDATE events SET metadata = json_set(metadata, '$.actor', 'mallory') WHERE stream_id = ? AND revision = 4").run(stream));

      const { code, stdout, stderr } = await dataDir.run(['verify', '--all']);

      expect(code).toBe(1);
      expect(stdout.lines).toEqual([`${STORY}: BROKEN at revision 4 (revision 4 does not match its hash (type, data or metadata changed))`, expect.stringMatching(new RegExp(`^${OTHER}: ok`))]);
      expect(stderr.text).toBe('2 stories: 1 ok, 1 broken\n');
    });

    it('refuses an unknown story with exit code 2', async () => {
      expect((await dataDir.run(['verify', 'no-such-story'])).code).toBe(2);
    });
  });

  describe('replay', () => {
    it('prints the state document as it stood at a revision, as pretty JSON', async () => {
      const { code, stdout, stderr } = await dataDir.run(['replay', STORY, '--revision', '3']);

      expect(code).toBe(0);
      expect(stderr.text).toBe('');
      expect(stdout.text).toContain('\n  "id": "russia-ukraine-standoff",\n');
      const document = JSON.parse(stdout.text);
      expect(document).toMatchObject({
        id: STORY,
        revision: 3,
        status: 'draft',
        headline: 'Russia masses troops near Ukraine',
        updatedAt: '2022-01-10T09:02:00.000Z',
        troopEstimates: { 'Russia|Ukrainian border': { developmentId: 'dev-troops-1', count: 100000 } },
        meetings: { 'dev-meeting-1': { location: 'Geneva', status: 'scheduled' } },
      });
    });

    it('prints the latest state without --revision', async () => {
      const { code, stdout } = await dataDir.run(['replay', STORY]);

      expect(code).toBe(0);
      expect(JSON.parse(stdout.text)).toMatchObject({ revision: 5, status: 'published', headline: 'Blinken and Lavrov to meet in Geneva' });
    });

    it('refuses a revision past the end with exit code 2 and a clear message', async () => {
      const { code, stdout, stderr } = await dataDir.run(['replay', STORY, '--revision', '6']);

      expect(code).toBe(2);
      expect(stdout.text).toBe('');
      expect(stderr.text).toBe(`error: story "${STORY}" has 5 revisions; there is no revision 6\n`);
    });

    it('does not show a state that rests on a broken chain, unless asked to', async () => {
      dataDir.tamper(changeData(4, { headline: 'Forged headline' }));

      const refused = await dataDir.run(['replay', STORY, '--revision', '5']);
      const forced = await dataDir.run(['replay', STORY, '--revision', '5', '--unverified']);
      const before = await dataDir.run(['replay', STORY, '--revision', '3']);

      expect(refused).toMatchObject({ code: 1 });
      expect(refused.stdout.text).toBe('');
      expect(refused.stderr.text).toMatch(/BROKEN at revision 4 .* not shown/);
      expect(forced.code).toBe(1);
      expect(JSON.parse(forced.stdout.text)).toMatchObject({ revision: 5, headline: 'Forged headline' });
      expect(forced.stderr.text).toMatch(/BROKEN at revision 4/);
      expect(before.code).toBe(0);
    });

    it('finds a deleted event at the very revision asked for', async () => {
      dataDir.tamper((db) => db.prepare('DELETE FROM events WHERE stream_id = ? AND revision = 3').run(stream));

      const { code, stderr } = await dataDir.run(['replay', STORY, '--revision', '3']);

      expect(code).toBe(1);
      expect(stderr.text).toMatch(/BROKEN at revision 3 \(revision 3 is missing\)/);
    });
  });

  describe('usage errors exit 2 and name the mistake', () => {
    it.each([
      [[], /no command given/],
      [['audit', STORY], /unknown command "audit"/],
      [['verify'], /verify needs a story id/],
      [['verify', STORY, '--all'], /either a story or --all/],
      [['export', STORY, OTHER], /one story id/],
      [['export', 'Not A Slug'], /is not a story id/],
      [['export', 'russia-ukraine-standoff', '--all'], /export takes either a story or --all, not both/],
      [['import'], /import takes one file/],
      [['replay', STORY, '--revision', 'two'], /--revision must be a whole number/],
      [['replay', STORY, '--revision', '0'], /--revision must be a whole number/],
      [['replay', STORY, '--revision'], /--revision/],
      [['verify', STORY, '--bogus'], /--bogus/],
    ])('%j', async (argv, message) => {
      const { code, stdout, stderr } = await dataDir.run(argv as string[]);

      expect(code).toBe(2);
      expect(stdout.text).toBe('');
      expect(stderr.text).toMatch(message);
      expect(stderr.text).toContain('Usage:');
    });

    it('prints the usage on stdout for --help, and exits 0', async () => {
      const { code, stdout } = await dataDir.run(['--help']);

      expect(code).toBe(0);
      expect(stdout.text).toMatch(/^Usage: /);
    });

    it('refuses a bad configuration', async () => {
      const { code, stderr } = await dataDir.run(['verify', '--all'], { env: { EVENT_STORE: 'oracle' } });

      expect(code).toBe(2);
      expect(stderr.text).toMatch(/EVENT_STORE must be one of/);
    });

    it('refuses a DATA_DIR without an event store, and creates nothing there', async () => {
      const empty = join(dataDir.folder, 'nothing-here');

      const { code, stderr } = await dataDir.run(['verify', '--all'], { env: { DATA_DIR: empty } });

      expect(code).toBe(2);
      expect(stderr.text).toMatch(/no event store at .*nothing-here/);
      expect(existsSync(empty)).toBe(false);
    });
  });

  describe('progress on long runs', () => {
    const LONG = 'long-running-story';
    // One append for the whole story: 1,501 durable commits would only slow the test down.
    beforeEach(() => dataDir.fill((store) => store.append(storyStreamName(LONG), longStory(LONG, 1500), { expectedRevision: 0 }).then(() => undefined)));

    it('draws a bar on a terminal stderr and keeps stdout to the results', async () => {
      const exported = await dataDir.run(['export', LONG], { stderrIsTTY: true });
      const verified = await dataDir.run(['verify', LONG], { stderrIsTTY: true });

      expect(exported.code).toBe(0);
      expect(exported.stdout.lines).toHaveLength(1501);
      exported.stdout.lines.forEach((line) => expect(() => JSON.parse(line)).not.toThrow());
      expect(exported.stderr.text).toMatch(/export long-running-story \[.*\] \d+% \| \d+\/1501 events/);
      expect(verified.code).toBe(0);
      expect(verified.stdout.lines).toEqual([expect.stringMatching(/^long-running-story: ok \(1501 events, stateHash [0-9a-f]{64}\)$/)]);
      expect(verified.stderr.text).toMatch(/verify long-running-story \[/);
    });

    it('shows nothing with --no-progress, or when stderr is not a terminal and the run is quick', async () => {
      const quiet = await dataDir.run(['verify', LONG, '--no-progress'], { stderrIsTTY: true });
      const piped = await dataDir.run(['verify', LONG]);

      expect(quiet.stderr.text).toBe('');
      expect(piped.stderr.text).toBe('');
      expect(piped.stdout.text).toBe(quiet.stdout.text);
    });
  });
});
