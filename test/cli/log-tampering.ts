import type { Database } from 'better-sqlite3';
import { chainHash } from '@story-tracker/event-store';

/** The attacks on the log, done with SQL on events.sqlite as someone with the file (and no key) would. */

interface Row {
  readonly global_position: number;
  readonly stream_id: string;
  readonly revision: number;
  readonly type: string;
  readonly data: string;
  readonly metadata: string;
  readonly hash: string;
  readonly previous_hash: string;
}

/** (a) One event's data changed in place; its stored hash no longer matches its content. */
export const editEvent = (stream: string, revision: number) => (db: Database) => {
  const row = db.prepare('SELECT data FROM events WHERE stream_id = ? AND revision = ?').get(stream, revision) as Pick<Row, 'data'>;
  db.prepare('UPDATE events SET data = ? WHERE stream_id = ? AND revision = ?').run(JSON.stringify({ ...JSON.parse(row.data), headline: 'Forged' }), stream, revision);
};

/** (b) The newest `count` events of the store gone: what is left is a sound, shorter log. */
export const deleteNewest = (count: number) => (db: Database) => {
  db.prepare('DELETE FROM events WHERE global_position > (SELECT MAX(global_position) FROM events) - ?').run(count);
};

/**
 * (c) A story rewritten from `revision` on, every hash recomputed so that its chain is sound again:
 * the per-story audit cannot tell, only a checkpoint of the log taken before can.
 */
export const rewriteChain = (stream: string, revision: number) => (db: Database) => {
  const rows = db.prepare('SELECT * FROM events WHERE stream_id = ? ORDER BY revision').all(stream) as Row[];
  const update = db.prepare('UPDATE events SET data = ?, metadata = ?, hash = ?, previous_hash = ? WHERE global_position = ?');
  let previousHash = rows[0]!.previous_hash;
  for (const row of rows) {
    if (row.revision < revision) {
      previousHash = row.hash;
      continue;
    }
    const data = row.revision === revision ? { ...JSON.parse(row.data), rewritten: true } : JSON.parse(row.data);
    const metadata = JSON.parse(row.metadata);
    // Under hash scheme 2 every value has its salt: the forger gives the new one a salt too.
    if (row.revision === revision && metadata.salts) metadata.salts['/rewritten'] = Buffer.alloc(16, 7).toString('base64');
    const hash = chainHash(previousHash, { streamId: row.stream_id, revision: row.revision, type: row.type, data, metadata });
    update.run(JSON.stringify(data), JSON.stringify(metadata), hash, previousHash, row.global_position);
    previousHash = hash;
  }
};

/** (d) The events at two global positions trade places; each story's own order may still hold. */
export const swapPositions = (first: number, second: number) => (db: Database) => {
  const move = db.prepare('UPDATE events SET global_position = ? WHERE global_position = ?');
  move.run(-1, first);
  move.run(first, second);
  move.run(second, -1);
};
