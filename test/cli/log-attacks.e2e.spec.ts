import { readFileSync, writeFileSync } from 'node:fs';
import type { Database } from 'better-sqlite3';
import { storyStreamName } from '@story-tracker/domain';
import { appendStory } from '../fixtures/audited-story.fixture';
import { CliDataDir } from './cli-harness';
import { deleteNewest, editEvent, rewriteChain, swapPositions } from './log-tampering';

const STORY = 'russia-ukraine-standoff';
const OTHER = 'macron-in-moscow';
const stream = storyStreamName(STORY);

/**
 * The attacks on the store the log exists to catch, each made with SQL on events.sqlite while no CLI
 * runs, after an auditor saved a checkpoint and a witness took one: both must see it (exit 1), and the
 * witness must keep the checkpoint it had. Positions 1–5 are STORY's events, 6–10 OTHER's.
 */
describe('the log’s defence against a changed store', () => {
  let dataDir: CliDataDir;
  let checkpoint: string;
  let witness: string;

  beforeEach(async () => {
    dataDir = new CliDataDir();
    await dataDir.fill(async (store) => {
      await appendStory(store, STORY);
      await appendStory(store, OTHER);
    });
    dataDir.startLog();
    checkpoint = dataDir.path('checkpoint.txt');
    witness = dataDir.path('witness.json');
    writeFileSync(checkpoint, (await dataDir.run(['log', 'checkpoint'])).stdout.text);
    expect((await dataDir.run(['log', 'witness', '--file', witness])).code).toBe(0);
  });
  afterEach(() => dataDir.remove());

  const detected = async (attack: (db: Database) => void, verdict: string) => {
    const held = readFileSync(witness, 'utf8');
    dataDir.tamper(attack);

    const verified = await dataDir.run(['log', 'verify', '--checkpoint', checkpoint]);
    const witnessed = await dataDir.run(['log', 'witness', '--file', witness]);

    expect(verified.code).toBe(1);
    expect(verified.stdout.text).toBe(`NOT CONSISTENT: ${verdict}\n`);
    expect(witnessed.code).toBe(1);
    expect(witnessed.stdout.text).toBe(`NOT CONSISTENT: ${verdict}; ${witness} is left as it was\n`);
    expect(readFileSync(witness, 'utf8')).toBe(held);
  };
  /** Whether the per-story audit sees anything: for some attacks it cannot, which is why there is a log. */
  const storiesVerify = async () => (await dataDir.run(['verify', '--all'])).code === 0;

  it('(a) an event’s data edited', async () => {
    await detected(
      editEvent(stream, 3),
      `today's log is broken within the checkpoint's 10 events: the event at global position 3 (${stream} revision 3) does not match its own hash: its content was changed`,
    );
  });

  it('(b) the newest events deleted, which leaves every story’s chain sound', async () => {
    await detected(deleteNewest(2), "today's log has 8 events, fewer than the checkpoint's 10 events: events were removed");
    expect(await storiesVerify()).toBe(true);
  });

  it('(c) a whole story’s chain rewritten with fresh, self-consistent hashes', async () => {
    await detected(rewriteChain(stream, 2), "the root of today's first 10 events is not the checkpoint's: among them an event was changed, removed, added or moved");
    expect(await storiesVerify()).toBe(true);
  });

  it('(d) two events swapped, each story’s own order kept', async () => {
    await detected(swapPositions(5, 6), "the root of today's first 10 events is not the checkpoint's: among them an event was changed, removed, added or moved");
    expect(await storiesVerify()).toBe(true);
  });

  it('(d) two events of one story swapped', async () => {
    await detected(swapPositions(2, 3), `today's log is broken within the checkpoint's 10 events: the event at global position 2 (${stream} revision 3) does not follow revision 1 of its stream`);
  });

  it('an event deleted in the middle of the log', async () => {
    await detected(
      (db) => db.prepare('DELETE FROM events WHERE global_position = 7').run(),
      "today's log is broken within the checkpoint's 10 events: no event at global position 7 (the next one is at 8): an event was removed",
    );
  });

  it('an inclusion proof in the old checkpoint fails once the chain is rewritten', async () => {
    dataDir.tamper(rewriteChain(stream, 2));

    const { code, stdout } = await dataDir.run(['log', 'prove', STORY, '4', '--checkpoint', checkpoint]);

    expect(code).toBe(1);
    expect(stdout.lines.at(-1)).toBe(
      "NOT INCLUDED: today's first 10 events are not the ones the checkpoint signed (their root differs), so no proof from them reaches its root",
    );
  });

  describe('after an honest append', () => {
    beforeEach(() => dataDir.fill((store) => appendStory(store, 'minsk-talks')));

    it('the witness advances, and the old checkpoint still verifies', async () => {
      const witnessed = await dataDir.run(['log', 'witness', '--file', witness]);
      const verified = await dataDir.run(['log', 'verify', '--checkpoint', checkpoint]);

      expect(witnessed.code).toBe(0);
      expect(witnessed.stdout.text).toMatch(/^consistent: today's log \(15 events\) extends the checkpoint of 10 events; .* now holds the checkpoint of 15 events\n$/);
      expect(verified.code).toBe(0);
    });

    it('an edit among the events the checkpoint signed is still seen', async () => {
      await detected(
        editEvent(storyStreamName(OTHER), 2),
        `today's log is broken within the checkpoint's 10 events: the event at global position 7 (${storyStreamName(OTHER)} revision 2) does not match its own hash: its content was changed`,
      );
    });

    it('an edit after them is not called consistent either: that log could not be signed today', async () => {
      await detected(
        editEvent(storyStreamName('minsk-talks'), 2),
        `today's log holds the checkpoint's 10 events unchanged, but is broken after them: the event at global position 12 (${storyStreamName('minsk-talks')} revision 2) does not match its own hash: its content was changed`,
      );
    });
  });
});
