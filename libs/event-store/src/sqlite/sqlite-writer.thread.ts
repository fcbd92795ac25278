import Database from 'better-sqlite3';
import { parentPort } from 'node:worker_threads';
import { chainHasher, GENESIS_HASH } from '../hash-chain';
import type { WriterAppend, WriterError, WriterOutcome, WriterThreadData } from './sqlite-writer';

/**
 * The SQLite store's write connection, in a worker thread (see sqlite-writer.ts for the other half):
 * the commit of a batch (an fsync with synchronous=FULL) blocks this thread, not the event loop that
 * serves requests. It checks, seals and writes: under the write lock each append, in its own
 * savepoint, finds its key not yet kept and its stream at the revision it expects, and its events
 * are linked into the hash chain on the head the file has. Sealing here, not in the main thread,
 * takes the hashing (a commitment per leaf, the link) off the thread that serves requests, and no
 * append is ever sealed on a head another process has moved since.
 *
 * It checkpoints too, between batches, on a timer: nothing is written while one runs, so it can copy
 * all of the WAL into the file, and the next batch then starts the WAL over from its beginning. Run
 * from the main thread (as they were), under a steady stream of this thread's commits a checkpoint
 * never caught up with the WAL's end, and the WAL grew without bound (113 MB after a minute of
 * appends), besides taking its milliseconds from the event loop that serves requests. PASSIVE never
 * waits for readers or writers: a tick that cannot finish leaves the rest for the next.
 */
export function run({ file, busyTimeoutMs, checkpointIntervalMs }: WriterThreadData): void {
  const db = new Database(file);
  db.pragma(`busy_timeout = ${Math.trunc(busyTimeoutMs)}`);
  db.pragma('synchronous = FULL');
  db.pragma('foreign_keys = ON');
  db.pragma('wal_autocheckpoint = 0');
  // As on the main connection: what this one frees is zeroed. Appends delete nothing, but a page that
  // splits or is rebuilt would otherwise keep stale copies of the rows it held in its unused space,
  // where a redaction (which rewrites only the live row) cannot reach them.
  db.pragma('secure_delete = ON');
  const checkpoints = setInterval(() => {
    try {
      db.pragma('wal_checkpoint(PASSIVE)');
    } catch {
      // A busy database only postpones the checkpoint to the next tick.
    }
  }, checkpointIntervalMs);
  checkpoints.unref();
  const commitBatch = batchCommitter(db);
  parentPort!.on('message', (message: { id: number; batch?: readonly WriterAppend[]; close?: true }) => {
    if (message.close) {
      clearInterval(checkpoints);
      db.close();
      parentPort!.postMessage({ id: message.id, closed: true });
      parentPort!.close();
      return;
    }
    try {
      parentPort!.postMessage({ id: message.id, outcomes: commitBatch(message.batch ?? []) });
    } catch (error) {
      parentPort!.postMessage({ id: message.id, error: describe(error) });
    }
  });
}

/** A batch in one IMMEDIATE transaction, an append in a savepoint each (better-sqlite3 nests transactions so). */
function batchCommitter(db: Database.Database): (batch: readonly WriterAppend[]) => WriterOutcome[] {
  const statements = {
    streamHead: db.prepare<[string], { revision: number; hash: string }>('SELECT revision, hash FROM events WHERE stream_id = ? ORDER BY revision DESC LIMIT 1'),
    insertEvent: db.prepare<[string, number, string, string, string, string, string]>(
      'INSERT INTO events (stream_id, revision, type, data, metadata, hash, previous_hash) VALUES (?, ?, ?, ?, ?, ?, ?)',
    ),
    keyKept: db.prepare<[string, string], { kept: number }>('SELECT 1 AS kept FROM idempotency_keys WHERE scope = ? AND key = ?'),
    insertIdempotency: db.prepare<[string, string, string, number, string, string | null]>(
      'INSERT INTO idempotency_keys (scope, key, fingerprint, status, body, stream_id) VALUES (?, ?, ?, ?, ?, ?)',
    ),
  };
  const headOf = (streamId: string) => statements.streamHead.get(streamId) ?? { revision: 0, hash: GENESIS_HASH };

  const appendOne = db.transaction((append: WriterAppend, hashers: readonly Hasher[]): WriterOutcome => {
    if (append.idempotency && statements.keyKept.get(append.idempotency.scope, append.idempotency.key)) return { kind: 'key-taken' };
    const head = headOf(append.streamId);
    if (append.expectedRevision !== 'any' && head.revision !== append.expectedRevision) return { kind: 'conflict', revision: head.revision };
    let previousHash = head.hash;
    const hashes: string[] = [];
    const positions = append.events.map((event, index) => {
      const revision = head.revision + index + 1;
      const hash = hashers[index]!(revision, previousHash);
      const position = Number(statements.insertEvent.run(append.streamId, revision, event.type, event.data, event.metadata, hash, previousHash).lastInsertRowid);
      hashes.push(hash);
      previousHash = hash;
      return position;
    });
    if (append.idempotency) {
      const { scope, key, fingerprint, status, body } = append.idempotency;
      statements.insertIdempotency.run(scope, key, fingerprint, status, body, positions.length > 0 ? append.streamId : null);
    }
    return { kind: 'ok', revisionBefore: head.revision, headHash: head.hash, positions, hashes };
  });

  return (batch) => {
    const outcomes: WriterOutcome[] = [];
    // Before the write lock is taken: all of the hashing but the links, which need the heads.
    const hashers = batch.map(hashersOf);
    db.transaction(() => {
      for (const [index, append] of batch.entries()) {
        const before = append.follows === null ? undefined : outcomes[append.follows];
        if (append.followsAFailure || (before !== undefined && before.kind !== 'ok')) {
          outcomes.push({ kind: 'followed', revision: headOf(append.streamId).revision });
          continue;
        }
        try {
          outcomes.push(appendOne(append, hashers[index]!));
        } catch (error) {
          // A failure SQLite answers by rolling back the whole transaction ends the batch (see the store).
          if (!db.inTransaction) throw error;
          outcomes.push({ kind: 'failed', error: describe(error) });
        }
      }
    }).immediate();
    return outcomes;
  };
}

type Hasher = (revision: number, previousHash: string) => string;

/** Each event's chainHash but its link: the chain covers the values as read back from the row, the text parsed. */
function hashersOf(append: WriterAppend): Hasher[] {
  return append.events.map((event) => chainHasher({ streamId: append.streamId, type: event.type, data: JSON.parse(event.data) as unknown, metadata: JSON.parse(event.metadata) as Record<string, unknown> }));
}

function describe(error: unknown): WriterError {
  const code = (error as { code?: unknown } | null)?.code;
  return { message: error instanceof Error ? error.message : String(error), ...(typeof code === 'string' && { code }) };
}
