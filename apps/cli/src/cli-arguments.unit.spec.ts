import { generateKeyPairSync } from 'node:crypto';
import { LogSigningKey, verifierKeyOf } from '@story-tracker/verifiable-log';
import { parseCliArguments } from './cli-arguments';
import { CliUsageError } from './cli-exit';

describe('parseCliArguments', () => {
  it.each([
    [['export', 'some-story'], { kind: 'export', storyId: 'some-story', progress: true }],
    [['verify', 'some-story'], { kind: 'verify', storyId: 'some-story', progress: true }],
    [['verify', '--all', '--no-progress'], { kind: 'verify', storyId: 'all', progress: false }],
    [['replay', 'some-story', '--revision', '12'], { kind: 'replay', storyId: 'some-story', revision: 12, unverified: false, progress: true }],
    [['replay', '--revision=3', 'some-story', '--unverified'], { kind: 'replay', storyId: 'some-story', revision: 3, unverified: true, progress: true }],
    [['replay', 'some-story'], { kind: 'replay', storyId: 'some-story', unverified: false, progress: true }],
    [['log', 'checkpoint'], { kind: 'log-checkpoint', json: false, progress: true }],
    [['log', 'checkpoint', '--json', '--no-progress'], { kind: 'log-checkpoint', json: true, progress: false }],
    [['log', 'verify', '--checkpoint', 'c.txt'], { kind: 'log-verify', checkpointFile: 'c.txt', json: false, progress: true }],
    [['log', 'prove', 'some-story', '3'], { kind: 'log-prove', storyId: 'some-story', revision: 3, json: false, progress: true }],
    [['log', 'prove', 'some-story', '3', '--checkpoint=c.txt', '--json'], { kind: 'log-prove', storyId: 'some-story', revision: 3, checkpointFile: 'c.txt', json: true, progress: true }],
    [['log', 'witness', '--file', 'w.json'], { kind: 'log-witness', file: 'w.json', progress: true }],
    [['log', 'witness', '-h'], { kind: 'help' }],
    [['help'], { kind: 'help' }],
    [['verify', '-h'], { kind: 'help' }],
  ])('%j', (argv, command) => {
    expect(parseCliArguments(argv)).toEqual(command);
  });

  it('reads --key as the verifier key it names', () => {
    const key = LogSigningKey.fromPem('news.example/log', generateKeyPairSync('ed25519').privateKey.export({ format: 'pem', type: 'pkcs8' }).toString());

    const command = parseCliArguments(['log', 'verify', '--checkpoint', 'c.txt', '--key', verifierKeyOf(key)]);

    expect(command).toMatchObject({ kind: 'log-verify', key: { name: 'news.example/log', publicKey: key.publicKey, keyId: key.keyId } });
  });

  it.each([
    [[], 'no command given'],
    [['seed'], 'unknown command "seed"'],
    [['replay', 'some-story', '--revision', '1.5'], '--revision must be a whole number from 1, not "1.5"'],
    [['replay', 'some-story', '--revision', '-1'], /--revision/],
    [['replay', 'some-story', '--all'], 'replay does not take --all'],
    [['verify', 'some-story', '--revision', '2'], 'verify does not take --revision'],
    [['export', 'ab'], /"ab" is not a story id/],
    [['import', 'f.ndjson', '--json'], 'import does not take --json'],
    [['log', 'witness', '--file', 'w.json', '--checkpoint', 'c.txt'], 'log witness does not take --checkpoint'],
    [['log', 'verify', '--checkpoint', 'c.txt', '--key', 'a+0000000+AAAA'], /--key must be a C2SP verifier key/],
    [['log', 'prove', 'some-story', '99999999999999999999'], /the revision must be a whole number/],
    [['log', 'prove', 'some-story', '1', '2'], /takes a story id and a revision, got 3 arguments/],
  ])('refuses %j', (argv, message) => {
    expect(() => parseCliArguments(argv)).toThrow(CliUsageError);
    expect(() => parseCliArguments(argv)).toThrow(message);
  });
});
