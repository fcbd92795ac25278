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
    [['help'], { kind: 'help' }],
    [['verify', '-h'], { kind: 'help' }],
  ])('%j', (argv, command) => {
    expect(parseCliArguments(argv)).toEqual(command);
  });

  it.each([
    [[], 'no command given'],
    [['seed'], 'unknown command "seed"'],
    [['replay', 'some-story', '--revision', '1.5'], '--revision must be a whole number from 1, not "1.5"'],
    [['replay', 'some-story', '--revision', '-1'], /--revision/],
    [['replay', 'some-story', '--all'], 'replay does not take --all'],
    [['verify', 'some-story', '--revision', '2'], 'verify does not take --revision'],
    [['export', 'ab'], /"ab" is not a story id/],
  ])('refuses %j', (argv, message) => {
    expect(() => parseCliArguments(argv)).toThrow(CliUsageError);
    expect(() => parseCliArguments(argv)).toThrow(message);
  });
});
