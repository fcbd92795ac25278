import { storyStreamName } from '@story-tracker/domain';
import { leafHash, signCheckpoint, verifyInclusion, type LogSigningKey } from '@story-tracker/verifiable-log';
import { appendStory } from '../fixtures/audited-story.fixture';
import { CliDataDir } from './cli-harness';
import { newKey, rootOf, saveCheckpoint, saveText, storedHash } from './log-helpers';

const STORY = 'russia-ukraine-standoff';
const OTHER = 'macron-in-moscow';
const LATER = 'minsk-talks';

describe('log prove', () => {
  let dataDir: CliDataDir;
  let key: LogSigningKey;

  beforeEach(async () => {
    dataDir = new CliDataDir();
    await dataDir.fill(async (store) => {
      await appendStory(store, STORY);
      await appendStory(store, OTHER);
    });
    key = dataDir.startLog();
  });
  afterEach(() => dataDir.remove());


  const includes = (proof: { index: number; treeSize: number; leafHash: string; hashes: string[] }, rootHash: Buffer) =>
    verifyInclusion(Buffer.from(proof.leafHash, 'base64'), proof.index, proof.treeSize, proof.hashes.map((hash) => Buffer.from(hash, 'base64')), rootHash);
  const eventHash = (stream: string, revision: number) => storedHash(dataDir, stream, revision);

  it('prints the inclusion proof of an event in today’s tree, and exits 0', async () => {
    const { code, stdout, stderr } = await dataDir.run(['log', 'prove', OTHER, '2']);

    expect(code).toBe(0);
    expect(stderr.text).toBe('');
    const lines = stdout.lines;
    expect(lines.slice(0, 6)).toEqual([
      `event: ${OTHER} revision 2`,
      'logIndex: 6',
      'treeSize: 10',
      `leafHash: ${leafHash(Buffer.from(eventHash(storyStreamName(OTHER), 2), 'hex')).toString('base64')}`,
      `rootHash: ${rootOf(dataDir).toString('base64')}`,
      'hashes:',
    ]);
    const hashes = lines.slice(6, -1).map((line) => line.trim());
    expect(hashes).toHaveLength(4);
    expect(lines.at(-1)).toBe("included: leaf 6 is in today's tree of 10 events (the proof leads to its root)");
    expect(includes({ index: 6, treeSize: 10, leafHash: lines[3]!.slice('leafHash: '.length), hashes }, rootOf(dataDir))).toBe(true);
  });

  it('proves in the tree of a checkpoint’s size, as JSON with --json', async () => {
    const { file } = await saveCheckpoint(dataDir);
    await dataDir.fill((store) => appendStory(store, LATER));

    const { code, stdout } = await dataDir.run(['log', 'prove', STORY, '5', '--checkpoint', file, '--json']);

    expect(code).toBe(0);
    const proof = JSON.parse(stdout.text);
    expect(proof).toEqual({
      storyId: STORY,
      revision: 5,
      index: 4,
      treeSize: 10,
      leafHash: leafHash(Buffer.from(eventHash(storyStreamName(STORY), 5), 'hex')).toString('base64'),
      rootHash: rootOf(dataDir, 10).toString('base64'),
      hashes: expect.any(Array),
      verified: true,
    });
    expect(includes(proof, rootOf(dataDir, 10))).toBe(true);
  });

  it('calls an event beyond the checkpoint’s size a clear error', async () => {
    const { file } = await saveCheckpoint(dataDir);
    await dataDir.fill((store) => appendStory(store, LATER));

    const { code, stdout, stderr } = await dataDir.run(['log', 'prove', LATER, '1', '--checkpoint', file]);

    expect(code).toBe(2);
    expect(stdout.text).toBe('');
    expect(stderr.text).toBe(`error: ${LATER} revision 1 is leaf 10 of the log, beyond the checkpoint's 10 events: it came later; prove it in a newer checkpoint\n`);
  });

  it('refuses a checkpoint with no valid signature before proving anything', async () => {
    const forger = newKey(key.name);
    const file = saveText(dataDir, 'forged.txt', signCheckpoint({ origin: key.name, treeSize: 10, rootHash: rootOf(dataDir) }, forger));

    const { code, stdout } = await dataDir.run(['log', 'prove', STORY, '1', '--checkpoint', file]);

    expect(code).toBe(1);
    expect(stdout.text).toBe('');
  });

  it('refuses an unknown story or revision with exit 2', async () => {
    const story = await dataDir.run(['log', 'prove', 'no-such-story', '1']);
    const revision = await dataDir.run(['log', 'prove', STORY, '6']);

    expect(story.code).toBe(2);
    expect(story.stderr.text).toMatch(/no story "no-such-story"/);
    expect(revision.code).toBe(2);
    expect(revision.stderr.text).toMatch(/has 5 revisions; there is no revision 6/);
  });
});
