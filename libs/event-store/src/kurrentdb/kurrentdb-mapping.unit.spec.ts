import { CancelledError, DeadlineExceededError, NotLeaderError, StreamNotFoundError, UnavailableError, WrongExpectedVersionError, NO_STREAM, ANY } from '@kurrent/kurrentdb-client';
import { EventStoreUnavailableError } from '../event-store.errors';
import { isStreamNotFound, isUnavailable, revisionConflict, toUnavailable } from './kurrentdb-errors';
import { assertCallerStreamId, KurrentDbStreamNames } from './kurrentdb-names';
import { fromCurrentState, fromKurrentRevision, toExpectedState, toKurrentRevision } from './kurrentdb-revisions';

describe('KurrentDB revision and position mapping', () => {
  it('expects NoStream for our revision 0 and KurrentDB revision N − 1 for our N', () => {
    expect(toExpectedState(0)).toBe(NO_STREAM);
    expect(toExpectedState(1)).toBe(BigInt(0));
    expect(toExpectedState(42)).toBe(BigInt(41));
    expect(() => toExpectedState(-1)).toThrow(RangeError);
    expect(() => toExpectedState(1.5)).toThrow(RangeError);
  });

  it('reads a reported stream state back as our revision', () => {
    expect(fromCurrentState(NO_STREAM)).toBe(0);
    expect(fromCurrentState(BigInt(0))).toBe(1);
    expect(fromCurrentState(BigInt(9))).toBe(10);
    expect(fromCurrentState(ANY)).toBeUndefined();
    expect(fromCurrentState(undefined)).toBeUndefined();
  });

  it('maps a stored event revision (and a log revision to a dense global position) both ways', () => {
    expect(fromKurrentRevision(BigInt(0))).toBe(1);
    expect(toKurrentRevision(1)).toBe(BigInt(0));
    for (const n of [1, 2, 500, 2 ** 40]) expect(fromKurrentRevision(toKurrentRevision(n))).toBe(n);
    expect(() => toKurrentRevision(0)).toThrow(RangeError);
    expect(() => fromKurrentRevision(BigInt(2) ** BigInt(60))).toThrow(RangeError);
  });
});

describe('KurrentDB error mapping', () => {
  it('takes the stream and its actual revision from a WrongExpectedVersionError', () => {
    const behind = new WrongExpectedVersionError(undefined, { streamName: 'story-a', expected: BigInt(1), current: BigInt(4) });
    expect(revisionConflict(behind)).toEqual({ streamName: 'story-a', actualRevision: 5 });
    const missing = new WrongExpectedVersionError(undefined, { streamName: 'story-b', expected: BigInt(0), current: NO_STREAM });
    expect(revisionConflict(missing)).toEqual({ streamName: 'story-b', actualRevision: 0 });
    expect(revisionConflict(new Error('other'))).toBeUndefined();
  });

  it('treats an unreachable, lost, slow or leaderless server as unavailable, and nothing else', () => {
    for (const error of [new UnavailableError(), new DeadlineExceededError(), new CancelledError(), new Error('Failed to discover after 10 attempts.'), { code: 14, message: 'No connection established' }]) {
      expect(isUnavailable(error)).toBe(true);
    }
    expect(isUnavailable(Object.assign(Object.create(NotLeaderError.prototype) as object, { type: 'not-leader' }))).toBe(true);
    for (const error of [new Error('bad'), new StreamNotFoundError(undefined, 'x'), null, 'text']) expect(isUnavailable(error)).toBe(false);
  });

  it('wraps unavailability as EventStoreUnavailableError, outcome unknown for an append in flight', () => {
    const reading = toUnavailable(new UnavailableError(), 'reading the log');
    expect(reading).toBeInstanceOf(EventStoreUnavailableError);
    expect(reading).toMatchObject({ outcomeUnknown: false, message: expect.stringMatching(/reading the log/) });
    expect(toUnavailable(new DeadlineExceededError(), 'appending', { outcomeUnknown: true })).toMatchObject({ outcomeUnknown: true });
    const other = new Error('bad');
    expect(toUnavailable(other, 'x')).toBe(other);
  });

  it('knows a missing stream when it reads one', () => {
    expect(isStreamNotFound(new StreamNotFoundError(undefined, 'story-x'))).toBe(true);
    expect(isStreamNotFound(new Error('x'))).toBe(false);
  });
});

describe('KurrentDB stream names', () => {
  it('prefixes every stream with the namespace and keeps the store own streams apart from stories', () => {
    const names = new KurrentDbStreamNames('ns/');
    expect(names.story('story-a')).toBe('ns/story-a');
    expect(names.log).toBe('ns/story-tracker:log');
    expect(names.idempotency('alice', 'k')).toMatch(/^ns\/story-tracker:idempotency-[0-9a-f]{64}$/);
    expect(() => assertCallerStreamId('story-tracker:log')).toThrow(RangeError);
    expect(() => new KurrentDbStreamNames('$ns')).toThrow(RangeError);
  });

  it('gives every (scope, key) pair its own stream, even where joining them with a hyphen would collide', () => {
    const names = new KurrentDbStreamNames();
    expect(names.idempotency('a-b', 'c')).not.toBe(names.idempotency('a', 'b-c'));
    expect(names.idempotency('alice', 'k')).toBe(names.idempotency('alice', 'k'));
  });
});
