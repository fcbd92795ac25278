import { existsSync } from 'node:fs';
import { storyStreamName } from '@story-tracker/domain';
import { LOG_KEY_FILE, LOG_ORIGIN_FILE, signCheckpoint, verifierKeyOf, type LogPublicKey, type LogSigningKey } from '@story-tracker/verifiable-log';
import { appendStory, longStory } from '../fixtures/audited-story.fixture';
import { CliDataDir } from './cli-harness';
import { newKey, rootOf, saveCheckpoint as saveCheckpointIn, saveText as saveTextIn } from './log-helpers';
import { editEvent } from './log-tampering';

const STORY = 'russia-ukraine-standoff';
const OTHER = 'macron-in-moscow';
const LATER = 'minsk-talks';

describe('log checkpoint, log verify, and the log commands’ usage errors', () => {
  let dataDir: CliDataDir;
  let key: LogSigningKey;
  const root = (size?: number) => rootOf(dataDir, size);
  const saveCheckpoint = () => saveCheckpointIn(dataDir);
  const saveText = (name: string, text: string) => saveTextIn(dataDir, name, text);

  beforeEach(async () => {
    dataDir = new CliDataDir();
    await dataDir.fill(async (store) => {
      await appendStory(store, STORY);
      await appendStory(store, OTHER);
    });
    key = dataDir.startLog();
  });
  afterEach(() => dataDir.remove());

  describe('log checkpoint', () => {
    it('prints today’s checkpoint, signed with the log’s key, as the server gives it', async () => {
      const { code, stdout, stderr } = await dataDir.run(['log', 'checkpoint']);

      expect(code).toBe(0);
      expect(stderr.text).toBe('');
      expect(stdout.text).toBe(signCheckpoint({ origin: key.name, treeSize: 10, rootHash: root() }, key));
      expect(stdout.text).toMatch(new RegExp(`^${key.name}\\n10\\n[A-Za-z0-9+/]{43}=\\n\\n— ${key.name} \\S+\\n$`));
    });

    it('gives its parts with --json', async () => {
      const { code, stdout } = await dataDir.run(['log', 'checkpoint', '--json']);

      expect(code).toBe(0);
      expect(JSON.parse(stdout.text)).toEqual({
        origin: key.name,
        treeSize: 10,
        rootHash: root().toString('base64'),
        checkpoint: signCheckpoint({ origin: key.name, treeSize: 10, rootHash: root() }, key),
      });
    });

    it('signs nothing for a log with a broken event, and says why', async () => {
      dataDir.tamper(editEvent(storyStreamName(STORY), 3));

      const { code, stdout, stderr } = await dataDir.run(['log', 'checkpoint']);

      expect(code).toBe(1);
      expect(stdout.text).toBe('');
      expect(stderr.text).toBe(
        `error: today's log is broken, so no checkpoint is signed: the event at global position 3 (${storyStreamName(STORY)} revision 3) does not match its own hash: its content was changed\n`,
      );
    });

    it('makes no key of its own in a DATA_DIR where the API never started', async () => {
      const bare = new CliDataDir();
      try {
        await bare.fill((store) => appendStory(store, STORY));

        const { code, stderr } = await bare.run(['log', 'checkpoint']);

        expect(code).toBe(2);
        expect(stderr.text).toMatch(/no .*log-signing-key\.pem: the API makes it on its first start/);
        expect(existsSync(bare.path(LOG_KEY_FILE))).toBe(false);
        expect(existsSync(bare.path(LOG_ORIGIN_FILE))).toBe(false);
      } finally {
        bare.remove();
      }
    });

    it('shows progress on a terminal stderr for a long log, and keeps stdout to the checkpoint', async () => {
      await dataDir.fill((store) => store.append(storyStreamName('long-story'), longStory('long-story', 1500), { expectedRevision: 0 }).then(() => undefined));

      const { code, stdout, stderr } = await dataDir.run(['log', 'checkpoint'], { stderrIsTTY: true });

      expect(code).toBe(0);
      expect(stdout.text).toBe(signCheckpoint({ origin: key.name, treeSize: 1511, rootHash: root() }, key));
      expect(stderr.text).toMatch(/reading the log \[.*\] \d+% \| \d+\/1511 events/);
    });
  });

  describe('log verify --checkpoint', () => {
    it('says a checkpoint of today’s log is consistent, and exits 0', async () => {
      const { file } = await saveCheckpoint();

      const { code, stdout, stderr } = await dataDir.run(['log', 'verify', '--checkpoint', file]);

      expect(code).toBe(0);
      expect(stderr.text).toBe('');
      expect(stdout.text).toBe("consistent: today's log (10 events) is the log the checkpoint signed\n");
    });

    it('says today’s log extends an earlier checkpoint, in JSON too', async () => {
      const { file } = await saveCheckpoint();
      await dataDir.fill((store) => appendStory(store, LATER));

      const line = await dataDir.run(['log', 'verify', '--checkpoint', file]);
      const json = await dataDir.run(['log', 'verify', '--checkpoint', file, '--json']);

      expect(line.code).toBe(0);
      expect(line.stdout.text).toBe("consistent: today's log (15 events) extends the checkpoint of 10 events\n");
      expect(json.code).toBe(0);
      expect(JSON.parse(json.stdout.text)).toEqual({ consistent: true, checkpointSize: 10, treeSize: 15 });
    });

    it('checks the signature with a key pinned by --key', async () => {
      const { file } = await saveCheckpoint();

      const pinned = await dataDir.run(['log', 'verify', '--checkpoint', file, '--key', verifierKeyOf(key)]);
      const other = await dataDir.run(['log', 'verify', '--checkpoint', file, '--key', verifierKeyOf(newKey(key.name))]);

      expect(pinned.code).toBe(0);
      expect(other.code).toBe(1);
      expect(other.stdout.text).toBe('');
      expect(other.stderr.text).toMatch(/does not carry a valid signature by /);
    });

    describe('refuses a forged checkpoint (exit 1, nothing on stdout)', () => {
      const forge = (text: string, line: number, value: string) => {
        const lines = text.split('\n');
        lines[line] = value;
        return lines.join('\n');
      };

      it.each([
        ['its size edited', (text: string) => forge(text, 1, '9')],
        ['its root edited', (text: string) => forge(text, 2, Buffer.alloc(32, 7).toString('base64'))],
      ])('%s', async (_what, change) => {
        const { text } = await saveCheckpoint();
        const file = saveText('forged.txt', change(text));

        const { code, stdout, stderr } = await dataDir.run(['log', 'verify', '--checkpoint', file]);

        expect(code).toBe(1);
        expect(stdout.text).toBe('');
        expect(stderr.text).toBe(`error: ${file} does not carry a valid signature by ${verifierKeyOf(key)}: its text was changed, or another key signed it\n`);
      });

      it('signed by another key under the log’s name', async () => {
        const forger = newKey(key.name);
        const file = saveText('forged.txt', signCheckpoint({ origin: key.name, treeSize: 10, rootHash: root() }, forger));

        const { code, stderr } = await dataDir.run(['log', 'verify', '--checkpoint', file]);

        expect(code).toBe(1);
        expect(stderr.text).toMatch(/does not carry a valid signature/);
      });

      it('of another log', async () => {
        const stranger = newKey('elsewhere.example/log');
        const file = saveText('stranger.txt', signCheckpoint({ origin: stranger.name, treeSize: 10, rootHash: root() }, stranger));

        const { code, stderr } = await dataDir.run(['log', 'verify', '--checkpoint', file]);

        expect(code).toBe(1);
        expect(stderr.text).toBe(`error: ${file} is a checkpoint of the log "elsewhere.example/log", not of "${key.name}"\n`);
      });

      it('validly signed by the key --key pins, but not of this log’s events', async () => {
        const forger = newKey(key.name);
        const file = saveText('forged.txt', signCheckpoint({ origin: key.name, treeSize: 10, rootHash: Buffer.alloc(32, 1) }, forger));

        const { code, stdout } = await dataDir.run(['log', 'verify', '--checkpoint', file, '--key', verifierKeyOf(forger)]);

        expect(code).toBe(1);
        expect(stdout.text).toMatch(/^NOT CONSISTENT: the root of today's first 10 events is not the checkpoint's/);
      });
    });

    it.each([
      ['not a checkpoint at all', 'hello\n', /is not a checkpoint: A checkpoint has its text, a blank line and its signature lines/],
      ['a size that is no number', `${'x'}\nten\n${Buffer.alloc(32).toString('base64')}\n\n— x AAAAAAAA\n`, /The second line must be the tree size/],
      ['line ends of another system', 'a\r\n10\r\n\r\n', /no control characters/],
      ['far too long', 'a'.repeat(20_000), /at most 16384 bytes/],
    ])('refuses a file that is %s with exit 2, naming what is wrong', async (_what, text, message) => {
      const file = saveText('bad.txt', text);

      const { code, stdout, stderr } = await dataDir.run(['log', 'verify', '--checkpoint', file]);

      expect(code).toBe(2);
      expect(stdout.text).toBe('');
      expect(stderr.text).toMatch(message);
    });

    it('refuses a checkpoint file that is not there with exit 2', async () => {
      const { code, stderr } = await dataDir.run(['log', 'verify', '--checkpoint', dataDir.path('missing.txt')]);

      expect(code).toBe(2);
      expect(stderr.text).toMatch(/cannot read .*missing\.txt \(ENOENT/);
    });
  });

  describe('usage errors exit 2 and name the mistake', () => {
    const someKey = (): LogPublicKey => newKey('x.example/log');
    it.each([
      [['log'], /log needs a command: checkpoint, verify, prove or witness/],
      [['log', 'audit'], /unknown log command "audit"/],
      [['log', 'checkpoint', 'now'], /log checkpoint takes no arguments/],
      [['log', 'checkpoint', '--file', 'w.json'], /log checkpoint does not take --file/],
      [['log', 'verify'], /log verify needs --checkpoint FILE/],
      [['log', 'verify', '--checkpoint', ''], /--checkpoint needs a file name/],
      [['log', 'verify', '--checkpoint'], /--checkpoint/],
      [['log', 'verify', '--checkpoint', 'c.txt', '--key', 'not-a-key'], /--key must be a C2SP verifier key/],
      [['log', 'verify', '--checkpoint', 'c.txt', '--all'], /log verify does not take --all/],
      [['log', 'prove', STORY], /log prove takes a story id and a revision, got 1 argument$/m],
      [['log', 'prove', STORY, 'two'], /the revision must be a whole number from 1, not "two"/],
      [['log', 'prove', STORY, '0'], /the revision must be a whole number/],
      [['log', 'prove', 'Not A Slug', '1'], /is not a story id/],
      [['log', 'prove', STORY, '1', '--key', verifierKeyOf(someKey())], /--key only with --checkpoint/],
      [['log', 'witness'], /log witness needs --file FILE/],
      [['log', 'witness', '--file', 'w.json', '--json'], /log witness does not take --json/],
      [['export', STORY, '--json'], /export does not take --json/],
    ])('%j', async (argv, message) => {
      const { code, stdout, stderr } = await dataDir.run(argv as string[]);

      expect(code).toBe(2);
      expect(stdout.text).toBe('');
      expect(stderr.text).toMatch(message);
      expect(stderr.text).toContain('Usage:');
    });
  });
});
