import { existsSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { generateKeyPairSync } from 'node:crypto';
import { storyStreamName } from '@story-tracker/domain';
import { LOG_KEY_FILE, LogSigningKey, verifierKeyOf } from '@story-tracker/verifiable-log';
import { appendStory } from '../fixtures/audited-story.fixture';
import { CliDataDir } from './cli-harness';
import { editEvent } from './log-tampering';

const STORY = 'russia-ukraine-standoff';
const OTHER = 'macron-in-moscow';

const newPem = () => generateKeyPairSync('ed25519').privateKey.export({ format: 'pem', type: 'pkcs8' }).toString();

describe('log witness', () => {
  let dataDir: CliDataDir;
  let key: LogSigningKey;
  let witness: string;
  const held = () => readFileSync(witness, 'utf8');
  const checkpointText = async () => (await dataDir.run(['log', 'checkpoint'])).stdout.text;
  const tempFilesLeft = () => readdirSync(dataDir.folder).filter((name) => name.endsWith('.tmp'));

  beforeEach(async () => {
    dataDir = new CliDataDir();
    await dataDir.fill((store) => appendStory(store, STORY));
    key = dataDir.startLog();
    witness = dataDir.path('witness.json');
  });
  afterEach(() => dataDir.remove());

  it('on its first run pins the log’s key and keeps today’s checkpoint', async () => {
    const { code, stdout, stderr } = await dataDir.run(['log', 'witness', '--file', witness]);

    expect(code).toBe(0);
    expect(stderr.text).toBe('');
    expect(stdout.text).toBe(`now witnessing ${key.name} at 5 events, key ${verifierKeyOf(key)}, in ${witness}\n`);
    expect(JSON.parse(held())).toEqual({ verifierKey: verifierKeyOf(key), checkpoint: await checkpointText() });
    expect(tempFilesLeft()).toEqual([]);
  });

  it('holds the same checkpoint while the log stays as it was', async () => {
    await dataDir.run(['log', 'witness', '--file', witness]);
    const before = held();

    const { code, stdout } = await dataDir.run(['log', 'witness', '--file', witness]);

    expect(code).toBe(0);
    expect(stdout.text).toBe(`consistent: today's log (5 events) is the log the checkpoint signed; ${witness} still holds the checkpoint of 5 events\n`);
    expect(held()).toBe(before);
  });

  it('advances after each honest append, keeping the pinned key', async () => {
    await dataDir.run(['log', 'witness', '--file', witness]);
    await dataDir.fill((store) => appendStory(store, OTHER));

    const first = await dataDir.run(['log', 'witness', '--file', witness]);
    const afterFirst = JSON.parse(held());
    await dataDir.fill((store) => appendStory(store, 'minsk-talks'));
    const second = await dataDir.run(['log', 'witness', '--file', witness, '--key', verifierKeyOf(key)]);

    expect(first.code).toBe(0);
    expect(first.stdout.text).toBe(`consistent: today's log (10 events) extends the checkpoint of 5 events; ${witness} now holds the checkpoint of 10 events\n`);
    expect(afterFirst.checkpoint).toMatch(/^\S+\n10\n/);
    expect(second.code).toBe(0);
    expect(second.stdout.text).toMatch(/extends the checkpoint of 10 events; .* now holds the checkpoint of 15 events\n$/);
    expect(JSON.parse(held())).toEqual({ verifierKey: verifierKeyOf(key), checkpoint: await checkpointText() });
    expect(tempFilesLeft()).toEqual([]);
  });

  it('can be started with a key pinned by --key, and refuses to start when the log does not sign with it', async () => {
    const other = LogSigningKey.fromPem(key.name, newPem());

    const refused = await dataDir.run(['log', 'witness', '--file', witness, '--key', verifierKeyOf(other)]);
    expect(existsSync(witness)).toBe(false);
    const pinned = await dataDir.run(['log', 'witness', '--file', witness, '--key', verifierKeyOf(key)]);

    expect(refused.code).toBe(1);
    expect(refused.stderr.text).toBe(`error: the log signs as ${verifierKeyOf(key)}, not with the key --key gives: a witness of that key would refuse every checkpoint of this log; ${witness} is left as it was\n`);
    expect(pinned.code).toBe(0);
    expect(JSON.parse(held()).verifierKey).toBe(verifierKeyOf(key));
  });

  it('does not start on a broken log', async () => {
    dataDir.tamper(editEvent(storyStreamName(STORY), 2));

    const { code, stderr } = await dataDir.run(['log', 'witness', '--file', witness]);

    expect(code).toBe(1);
    expect(stderr.text).toMatch(/today's log is broken, so no checkpoint is signed/);
    expect(existsSync(witness)).toBe(false);
    expect(tempFilesLeft()).toEqual([]);
  });

  it('says so when it cannot write its file', async () => {
    const nowhere = dataDir.path('no-such-folder/witness.json');

    const { code, stderr } = await dataDir.run(['log', 'witness', '--file', nowhere]);

    expect(code).toBe(1);
    expect(stderr.text).toMatch(/cannot write .*no-such-folder\/witness\.json \(ENOENT\)/);
  });

  describe('refuses, and leaves its file exactly as it was', () => {
    beforeEach(async () => {
      expect((await dataDir.run(['log', 'witness', '--file', witness])).code).toBe(0);
      // Something to advance to, so that a refusal that still wrote would show.
      await dataDir.fill((store) => appendStory(store, OTHER));
    });

    const refusal = async (argv: string[] = []) => {
      const before = held();
      const run = await dataDir.run(['log', 'witness', '--file', witness, ...argv]);
      expect(held()).toBe(before);
      expect(tempFilesLeft()).toEqual([]);
      return run;
    };
    const rewrite = (change: (file: { verifierKey: string; checkpoint: string }) => unknown) => writeFileSync(witness, JSON.stringify(change(JSON.parse(held()))));

    it('a checkpoint in it that was edited', async () => {
      rewrite((file) => ({ ...file, checkpoint: file.checkpoint.replace(/\n5\n/, '\n4\n') }));

      const { code, stderr } = await refusal();

      expect(code).toBe(1);
      expect(stderr.text).toBe(`error: the checkpoint in ${witness} does not carry a valid signature by ${verifierKeyOf(key)}: its text was changed, or another key signed it; ${witness} is left as it was\n`);
    });

    it('a --key other than the one it pinned', async () => {
      const { code, stderr } = await refusal(['--key', verifierKeyOf(LogSigningKey.fromPem(key.name, newPem()))]);

      expect(code).toBe(1);
      expect(stderr.text).toMatch(/pins the key .*, not the one --key gives: a witness's key never changes/);
    });

    it('a log that now signs with another key', async () => {
      writeFileSync(dataDir.path(LOG_KEY_FILE), newPem());

      const { code, stderr } = await refusal();

      expect(code).toBe(1);
      expect(stderr.text).toMatch(/the log now signs as .*, not with the key .* that .*witness\.json pins: a log that changed its key is not the log witnessed/);
    });

    it.each([
      ['not JSON', () => writeFileSync(witness, 'checkpoint: yes'), /is not a witness file .*: not JSON/],
      ['empty', () => writeFileSync(witness, ''), /is not a witness file .*: not JSON/],
      ['without its checkpoint', () => rewrite((file) => ({ verifierKey: file.verifierKey })), /checkpoint is missing or not a string/],
      ['with a key that is no key', () => rewrite((file) => ({ ...file, verifierKey: 'x+y+z' })), /verifierKey is not a C2SP verifier key/],
      ['with a checkpoint that is no checkpoint', () => rewrite((file) => ({ ...file, checkpoint: 'hello' })), /the checkpoint in .* is not a checkpoint: /],
    ])('a file that is %s (exit 2)', async (_what, damage, message) => {
      damage();

      const { code, stderr } = await refusal();

      expect(code).toBe(2);
      expect(stderr.text).toMatch(message);
    });
  });
});
