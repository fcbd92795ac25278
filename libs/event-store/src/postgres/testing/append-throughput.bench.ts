/**
 * What the log head's lock costs: appends per second with 10 concurrent writers on different
 * streams, (a) through the store (every append takes the lock; positions dense, in commit order) and
 * (b) the same transaction with positions from a sequence and no lock (the unsafe scheme: positions
 * can become visible out of order). Not part of `npm test`; run it with
 *
 *   scripts/with-node.sh npx jest --testMatch '**\/append-throughput.bench.ts' libs/event-store
 *
 * It starts its own throwaway cluster (fsync on, as in production) and prints the figures.
 */
import { Pool } from 'pg';
import { sealEvents, toStorableEvent } from '../../append-rules';
import { GENESIS_HASH } from '../../hash-chain';
import { openPostgresEventStore } from '../postgres-event-store';
import { describeWithPostgres } from './describe-with-postgres';

const WRITERS = Number(process.env['WRITERS'] ?? 10);
const SECONDS = 3;
const ROUNDS = 2;
const event = (n: number) => ({ type: 'TroopEstimateRecorded', data: { force: 'Russia', count: 100_000 + n }, metadata: { actor: 'alice' } });

async function during(seconds: number, writers: number, appendOne: (writer: number, n: number) => Promise<void>): Promise<number> {
  const deadline = Date.now() + seconds * 1000;
  let done = 0;
  await Promise.all(
    Array.from({ length: writers }, async (_, writer) => {
      for (let n = 0; Date.now() < deadline; n++) {
        await appendOne(writer, n);
        done += 1;
      }
    }),
  );
  return done / seconds;
}

describeWithPostgres('append throughput with and without the log head lock', (cluster) => {
  it('measures', async () => {
    const figures: Record<string, number[]> = { 'store (lock)': [], 'no lock (sequence)': [] };
    for (let round = 0; round < ROUNDS; round++) {
      // The store, as the app uses it.
      const store = await openPostgresEventStore({ connectionString: await cluster().createDatabase(), poolSize: WRITERS });
      figures['store (lock)']!.push(
        await during(SECONDS, WRITERS, async (writer, n) => {
          await store.append(`story-${writer}`, [event(n)], { expectedRevision: n });
        }),
      );
      await store.close();

      // The same statements, positions from a sequence, no log head.
      const url = await cluster().createDatabase();
      await (await openPostgresEventStore({ connectionString: url })).close();
      const pool = new Pool({ connectionString: url, max: WRITERS });
      await pool.query('CREATE SEQUENCE positions');
      figures['no lock (sequence)']!.push(
        await during(SECONDS, WRITERS, async (writer, n) => {
          const client = await pool.connect();
          try {
            const streamId = `story-${writer}`;
            await client.query('BEGIN; SET LOCAL synchronous_commit = on');
            const { rows } = await client.query<{ revision: number | null; hash: string | null }>(
              'SELECT revision, hash FROM events WHERE stream_id = $1 ORDER BY revision DESC LIMIT 1',
              [streamId],
            );
            const [sealed] = sealEvents(streamId, [toStorableEvent(event(n), 'as-recorded')], rows[0]?.revision ?? 0, rows[0]?.hash ?? GENESIS_HASH);
            await client.query(
              `INSERT INTO events (global_position, stream_id, revision, type, data, metadata, hash, previous_hash)
               VALUES (nextval('positions'), $1, $2, $3, $4, $5, $6, $7)`,
              [streamId, sealed!.revision, sealed!.type, JSON.stringify(sealed!.data), JSON.stringify(sealed!.metadata), sealed!.hash, sealed!.previousHash],
            );
            await client.query('COMMIT');
          } finally {
            client.release();
          }
        }),
      );
      await pool.end();
    }
    const median = (values: number[]) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)]!;
    const lines = Object.entries(figures).map(([name, values]) => `  ${name}: ${values.map((v) => Math.round(v)).join(', ')} appends/s (median ${Math.round(median(values))})`);
    process.stdout.write(`Append throughput, ${WRITERS} writers on different streams, ${SECONDS} s x ${ROUNDS} rounds:\n${lines.join('\n')}\n`);
  }, 120_000);
});
