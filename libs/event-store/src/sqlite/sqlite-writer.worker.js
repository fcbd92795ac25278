// The SQLite store's write connection, in a worker thread: the commit of a batch (an fsync with
// synchronous=FULL) blocks this thread, not the event loop that serves requests. Plain JavaScript
// with nothing but better-sqlite3, so that it runs as it is under the tests and from the build.
//
// It checks and writes (and checkpoints, see below): the events arrive sealed (revision and hash) by the store in the main
// thread against the head it believed the stream had. Under the write lock each append is checked
// again, in its own savepoint: the key not yet kept, the stream's head exactly the one it was sealed
// on. An append whose head moved answers 'stale' with the head it found; the store then refuses it
// or seals it again. See sqlite-writer.ts for the other half.
'use strict';
const { parentPort, workerData } = require('node:worker_threads');
const Database = require('better-sqlite3');

const db = new Database(workerData.file);
db.pragma(`busy_timeout = ${Math.trunc(workerData.busyTimeoutMs)}`);
db.pragma('synchronous = FULL');
db.pragma('foreign_keys = ON');
db.pragma('wal_autocheckpoint = 0');
// As on the main connection: what this one frees is zeroed. Appends delete nothing, but a page that
// splits or is rebuilt would otherwise keep stale copies of the rows it held in its unused space,
// where a redaction (which rewrites only the live row) cannot reach them.
db.pragma('secure_delete = ON');

// Checkpoints run here too, between batches, on a timer: nothing is written while one runs, so it can
// copy all of the WAL into the file, and the next batch then starts the WAL over from its beginning.
// Run from the main thread (as they were), under a steady stream of this thread's commits a checkpoint
// never caught up with the WAL's end, and the WAL grew without bound (113 MB after a minute of
// appends), besides taking its milliseconds from the event loop that serves requests. PASSIVE never
// waits for readers or writers: a tick that cannot finish leaves the rest for the next.
const checkpoints = setInterval(() => {
  try {
    db.pragma('wal_checkpoint(PASSIVE)');
  } catch {
    // A busy database only postpones the checkpoint to the next tick.
  }
}, workerData.checkpointIntervalMs);
checkpoints.unref();

const statements = {
  streamHead: db.prepare('SELECT revision, hash FROM events WHERE stream_id = ? ORDER BY revision DESC LIMIT 1'),
  insertEvent: db.prepare(
    'INSERT INTO events (stream_id, revision, type, data, metadata, hash, previous_hash) VALUES (?, ?, ?, ?, ?, ?, ?)',
  ),
  keyKept: db.prepare('SELECT 1 AS kept FROM idempotency_keys WHERE scope = ? AND key = ?'),
  insertIdempotency: db.prepare(
    'INSERT INTO idempotency_keys (scope, key, fingerprint, status, body, stream_id) VALUES (?, ?, ?, ?, ?, ?)',
  ),
};

function headOf(streamId) {
  const row = statements.streamHead.get(streamId);
  return { revision: row ? row.revision : 0, hash: row ? row.hash : null };
}

/** One append, in a savepoint of the batch's transaction (better-sqlite3 nests transactions so). */
const appendOne = db.transaction((append) => {
  if (append.idempotency && statements.keyKept.get(append.idempotency.scope, append.idempotency.key)) {
    return { kind: 'key-taken' };
  }
  const head = headOf(append.streamId);
  if (head.revision !== append.prevRevision || (head.hash ?? append.genesisHash) !== append.prevHash) {
    return { kind: 'stale', revision: head.revision, hash: head.hash ?? append.genesisHash };
  }
  const positions = append.events.map((event) =>
    Number(
      statements.insertEvent.run(append.streamId, event.revision, event.type, event.data, event.metadata, event.hash, event.previousHash)
        .lastInsertRowid,
    ),
  );
  if (append.idempotency) {
    const { scope, key, fingerprint, status, body } = append.idempotency;
    statements.insertIdempotency.run(scope, key, fingerprint, status, body, positions.length > 0 ? append.streamId : null);
  }
  return { kind: 'ok', positions };
});

function commitBatch(batch) {
  const outcomes = [];
  db.transaction(() => {
    for (const append of batch) {
      const before = append.follows === null ? undefined : outcomes[append.follows];
      if (append.followsAFailure || (before !== undefined && before.kind !== 'ok')) {
        outcomes.push({ kind: 'followed', revision: headOf(append.streamId).revision });
        continue;
      }
      try {
        outcomes.push(appendOne(append));
      } catch (error) {
        // A failure SQLite answers by rolling back the whole transaction ends the batch (see the store).
        if (!db.inTransaction) throw error;
        outcomes.push({ kind: 'failed', error: describe(error) });
      }
    }
  }).immediate();
  return outcomes;
}

function describe(error) {
  return { message: error instanceof Error ? error.message : String(error), code: error && typeof error.code === 'string' ? error.code : undefined };
}

parentPort.on('message', (message) => {
  if (message.close) {
    clearInterval(checkpoints);
    db.close();
    parentPort.postMessage({ id: message.id, closed: true });
    parentPort.close();
    return;
  }
  try {
    parentPort.postMessage({ id: message.id, outcomes: commitBatch(message.batch) });
  } catch (error) {
    parentPort.postMessage({ id: message.id, error: describe(error) });
  }
});
