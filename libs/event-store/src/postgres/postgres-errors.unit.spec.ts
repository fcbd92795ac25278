import { EventStoreUnavailableError, IdempotencyKeyTakenError, WrongExpectedRevisionError } from '../event-store.errors';
import { commitOutcomeUnknown, isUnavailable, toUnavailable, translateConstraintError, type ConstraintContext } from './postgres-errors';

// Errors shaped as node-postgres and Node's sockets give them; no server is involved.
const serverError = (code: string, extra: Record<string, unknown> = {}) => Object.assign(new Error(`server said ${code}`), { code, ...extra });
const socketError = (code: string) => Object.assign(new Error(`connect ${code} 127.0.0.1:5432`), { code });

const context: ConstraintContext = { streamId: 'story-1', expectedRevision: 2, idempotency: { scope: 'alice', key: 'key-1' }, revisionSeen: 2 };

describe('isUnavailable', () => {
  it.each([
    ['a refused connection', socketError('ECONNREFUSED')],
    ['a reset connection', socketError('ECONNRESET')],
    ['an unknown host', socketError('ENOTFOUND')],
    ['a server shutting down or pg_terminate_backend (57P01)', serverError('57P01')],
    ['a crash shutdown (57P02)', serverError('57P02')],
    ['a server starting up (57P03)', serverError('57P03')],
    ['a statement timeout (57014)', serverError('57014')],
    ['a connection exception (class 08)', serverError('08006')],
    ['too many connections (53300)', serverError('53300')],
    ['a connection that ended', new Error('Connection terminated unexpectedly')],
    ['a pool that waited too long', new Error('timeout exceeded when trying to connect')],
    ['a connect timeout', new Error('Connection terminated due to connection timeout')],
    ['an answer that never came', new Error('Query read timeout')],
    ['a client that broke before', new Error('Client has encountered a connection error and is not queryable')],
    ['both addresses of localhost refused', Object.assign(new AggregateError([socketError('ECONNREFUSED'), socketError('ECONNREFUSED')]), { code: 'ECONNREFUSED' })],
  ])('counts %s', (_, error) => {
    expect(isUnavailable(error)).toBe(true);
    expect(toUnavailable(error, 'appending')).toBeInstanceOf(EventStoreUnavailableError);
  });

  it.each([
    ['a unique violation', serverError('23505')],
    ['a syntax error', serverError('42601')],
    ['a trigger that raised', serverError('P0001')],
    ['a programming error', new TypeError('x is not a function')],
    ['a thrown string', 'nope'],
  ])('leaves %s as it is', (_, error) => {
    expect(isUnavailable(error)).toBe(false);
    expect(toUnavailable(error, 'appending')).toBe(error);
  });

  it('says what the store was doing and keeps the cause', () => {
    const cause = socketError('ECONNREFUSED');
    const error = toUnavailable(cause, 'reading the log') as EventStoreUnavailableError;

    expect(error.message).toBe('The event store cannot be reached (reading the log): connect ECONNREFUSED 127.0.0.1:5432');
    expect(error.cause).toBe(cause);
    expect(error.outcomeUnknown).toBe(false);
  });

  it('marks a connection lost during COMMIT as of unknown outcome', () => {
    const error = commitOutcomeUnknown(new Error('Connection terminated unexpectedly'));

    expect(error).toBeInstanceOf(EventStoreUnavailableError);
    expect(error.outcomeUnknown).toBe(true);
    expect(error.message).toMatch(/may or may not have been stored/);
  });
});

describe('translateConstraintError', () => {
  it('turns a duplicate stream revision into a wrong expected revision with the revision read afterwards', async () => {
    const error = await translateConstraintError(serverError('23505', { constraint: 'events_stream_revision_key' }), context, async () => 3);

    expect(error).toBeInstanceOf(WrongExpectedRevisionError);
    expect(error).toMatchObject({ streamId: 'story-1', expectedRevision: 2, actualRevision: 3 });
  });

  it("reports the revision an 'any' append built on", async () => {
    const error = await translateConstraintError(serverError('23505', { constraint: 'events_stream_revision_key' }), { ...context, expectedRevision: 'any' }, async () => 3);

    expect(error).toMatchObject({ expectedRevision: 2, actualRevision: 3 });
  });

  it('turns a duplicate idempotency key into a taken key', async () => {
    const error = await translateConstraintError(serverError('23505', { constraint: 'idempotency_keys_pkey' }), context, async () => 3);

    expect(error).toBeInstanceOf(IdempotencyKeyTakenError);
    expect(error).toMatchObject({ scope: 'alice', key: 'key-1' });
  });

  it('leaves other violations and errors as they are', async () => {
    const elsewhere = serverError('23505', { constraint: 'some_other_key' });
    const poisoned = serverError('P0001');

    expect(await translateConstraintError(elsewhere, context, async () => 3)).toBe(elsewhere);
    expect(await translateConstraintError(poisoned, context, async () => 3)).toBe(poisoned);
  });
});
