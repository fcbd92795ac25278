import Database from 'better-sqlite3';
import { IdempotencyKeyTakenError, WrongExpectedRevisionError } from '../event-store.errors';
import { translateConstraintError, type ConstraintContext } from './sqlite-errors';

// Errors shaped exactly as better-sqlite3 throws them; no database is opened.
const duplicateRevision = new Database.SqliteError(
  'UNIQUE constraint failed: events.stream_id, events.revision',
  'SQLITE_CONSTRAINT_UNIQUE',
);
const duplicateKey = new Database.SqliteError(
  'UNIQUE constraint failed: idempotency_keys.scope, idempotency_keys.key',
  'SQLITE_CONSTRAINT_PRIMARYKEY',
);

const context: ConstraintContext = {
  streamId: 'story-1',
  expectedRevision: 2,
  idempotency: { scope: 'reporter-1', key: 'key-1' },
  revisionSeen: 2,
  actualRevision: () => 3,
};

describe('translateConstraintError', () => {
  it('turns a duplicate stream revision into a wrong expected revision', () => {
    const error = translateConstraintError(duplicateRevision, context);

    expect(error).toBeInstanceOf(WrongExpectedRevisionError);
    expect(error).toMatchObject({ streamId: 'story-1', expectedRevision: 2, actualRevision: 3 });
  });

  it("reports the revision an 'any' append built on", () => {
    const error = translateConstraintError(duplicateRevision, { ...context, expectedRevision: 'any' });

    expect(error).toMatchObject({ expectedRevision: 2, actualRevision: 3 });
  });

  it('turns a duplicate idempotency key into a taken key', () => {
    const error = translateConstraintError(duplicateKey, context);

    expect(error).toBeInstanceOf(IdempotencyKeyTakenError);
    expect(error).toMatchObject({ scope: 'reporter-1', key: 'key-1' });
  });

  it('recognises a violation by its shape, as errors from another realm are not instanceof Error', () => {
    const foreign = { name: 'SqliteError', code: duplicateRevision.code, message: duplicateRevision.message };

    expect(translateConstraintError(foreign, context)).toBeInstanceOf(WrongExpectedRevisionError);
  });

  it('leaves every other error as it is', () => {
    const busy = new Database.SqliteError('database is locked', 'SQLITE_BUSY');
    const plain = new Error('UNIQUE constraint failed: events.stream_id, events.revision');

    expect(translateConstraintError(busy, context)).toBe(busy);
    expect(translateConstraintError(plain, context)).toBe(plain);
  });
});
