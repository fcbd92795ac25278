import { generateKeyPairSync } from 'node:crypto';
import { existsSync, readFileSync, readdirSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { LOG_KEY_FILE, LOG_ORIGIN_FILE, LogSigningKey, loadLogIdentity, parseCheckpoint, signCheckpoint, isSignedBy, EMPTY_TREE_ROOT } from '@story-tracker/verifiable-log';
import { raceIdentityLoads } from '../testing/identity-race-workers';
import { freshKeyPem } from '../testing/note-keys';
import { TempFolder } from '../testing/temp-folder';

describe('loadLogIdentity', () => {
  let folder: TempFolder;
  beforeEach(() => {
    folder = new TempFolder();
  });
  afterEach(() => folder.remove());

  const modeOf = (file: string) => statSync(file).mode & 0o777;

  it('makes a key and an origin once in the data folder, the key readable by its owner only', () => {
    const dataDir = folder.file('data/nested');
    const { key, created } = loadLogIdentity({ dataDir });
    expect([...created].sort()).toEqual([join(dataDir, LOG_KEY_FILE), join(dataDir, LOG_ORIGIN_FILE)].sort());
    expect(modeOf(join(dataDir, LOG_KEY_FILE))).toBe(0o600);
    expect(modeOf(join(dataDir, LOG_ORIGIN_FILE)) & 0o077).not.toBe(0o077);
    expect(readFileSync(join(dataDir, LOG_KEY_FILE), 'utf8')).toMatch(/^-----BEGIN PRIVATE KEY-----\n[\s\S]+\n-----END PRIVATE KEY-----\n$/);
    expect(key.name).toMatch(/^story-tracker\/[0-9a-f]{16}$/);
    expect(readFileSync(join(dataDir, LOG_ORIGIN_FILE), 'utf8').trim()).toBe(key.name);
    expect(key.publicKey).toHaveLength(32);
    // What it signs is a checkpoint anyone can read back.
    expect(isSignedBy(parseCheckpoint(signCheckpoint({ origin: key.name, treeSize: 0, rootHash: EMPTY_TREE_ROOT }, key)), key)).toBe(true);
  });

  it('loads the same key and origin on every later start, and makes nothing more', () => {
    const dataDir = folder.file('data');
    const first = loadLogIdentity({ dataDir });
    const files = readdirSync(dataDir).sort();
    for (let start = 0; start < 3; start += 1) {
      const again = loadLogIdentity({ dataDir });
      expect(again.created).toEqual([]);
      expect(again.key.name).toBe(first.key.name);
      expect(again.key.publicKey).toEqual(first.key.publicKey);
      expect(again.key.keyId).toEqual(first.key.keyId);
    }
    expect(readdirSync(dataDir).sort()).toEqual(files);
  });

  it('signs with the LOG_SIGNING_KEY_FILE key when given one, and then keeps no key of its own', () => {
    const { pem, publicKey } = freshKeyPem();
    const keyFile = folder.file('log-key.pem');
    writeFileSync(keyFile, pem);
    const dataDir = folder.file('data');
    const { key, created } = loadLogIdentity({ dataDir, keyFile });
    expect(key.publicKey).toEqual(publicKey);
    expect(created).toEqual([join(dataDir, LOG_ORIGIN_FILE)]);
    expect(existsSync(join(dataDir, LOG_KEY_FILE))).toBe(false);
  });

  it('names the log after LOG_ORIGIN when given one, and then keeps no origin file', () => {
    const dataDir = folder.file('data');
    const { key, created } = loadLogIdentity({ dataDir, origin: 'news.example.org/story-tracker' });
    expect(key.name).toBe('news.example.org/story-tracker');
    expect(created).toEqual([join(dataDir, LOG_KEY_FILE)]);
    expect(existsSync(join(dataDir, LOG_ORIGIN_FILE))).toBe(false);
    // The key made before is kept when the origin changes: it is the key that a witness pins.
    expect(loadLogIdentity({ dataDir, origin: 'other.example/log' }).key.publicKey).toEqual(key.publicKey);
  });

  it('keeps nothing on disk without a data folder', () => {
    const one = loadLogIdentity({});
    const two = loadLogIdentity({});
    expect(one.created).toEqual([]);
    expect(one.key.publicKey.equals(two.key.publicKey)).toBe(false);
  });

  it('refuses a LOG_SIGNING_KEY_FILE that is not an Ed25519 key, saying so', () => {
    const rsa = folder.file('rsa.pem');
    writeFileSync(rsa, generateKeyPairSync('rsa', { modulusLength: 1024 }).privateKey.export({ format: 'pem', type: 'pkcs8' }));
    expect(() => loadLogIdentity({ keyFile: rsa, origin: 'news.example/log' })).toThrow("The log's signing key must be an Ed25519 key, not rsa");
    const ec = folder.file('ec.pem');
    writeFileSync(ec, generateKeyPairSync('ec', { namedCurve: 'P-256' }).privateKey.export({ format: 'pem', type: 'sec1' }));
    expect(() => loadLogIdentity({ keyFile: ec, origin: 'news.example/log' })).toThrow("The log's signing key must be an Ed25519 key, not ec");
  });

  it('refuses a LOG_SIGNING_KEY_FILE that cannot be read, naming it', () => {
    const missing = folder.file('nowhere.pem');
    expect(() => loadLogIdentity({ keyFile: missing })).toThrow(`LOG_SIGNING_KEY_FILE cannot be read (ENOENT): ${missing}`);
  });

  it('gives every instance starting together on one data folder the same key and origin', async () => {
    // Folder after folder, two threads load the identity at the same microsecond; each folder's first
    // writer makes it, and the other must read what it wrote: never a half-written file.
    const rounds = await raceIdentityLoads({ base: folder.path, workers: 2, rounds: 100 });
    const disagreements: string[] = [];
    for (let round = 0; round < 100; round += 1) {
      const outcomes = rounds.map((worker) => worker[round]!);
      const seen = new Set(outcomes.map((outcome) => ('error' in outcome ? `error: ${outcome.error}` : `${outcome.origin} ${outcome.publicKey}`)));
      const kept = `${readFileSync(join(folder.path, String(round), LOG_ORIGIN_FILE), 'utf8').trim()} ${LogSigningKey.fromPem('x', readFileSync(join(folder.path, String(round), LOG_KEY_FILE), 'utf8')).publicKey.toString('hex')}`;
      if (seen.size !== 1 || !seen.has(kept)) disagreements.push(`round ${round}: ${[...seen].join(' | ')} (kept: ${kept})`);
    }
    expect(disagreements).toEqual([]);
    // Nothing left over beside the two files.
    expect(readdirSync(join(folder.path, '0')).sort()).toEqual([LOG_KEY_FILE, LOG_ORIGIN_FILE].sort());
  });
});
