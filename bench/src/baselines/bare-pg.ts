import { createHash } from 'node:crypto';
import Fastify from 'fastify';
import { Pool } from 'pg';
import { monotonicFactory } from 'ulid';
import type { BareFastify } from './bare-fastify';

/**
 * The PostgreSQL floor: Fastify with no Nest, no validation, no auth and no domain, on a pool of the
 * same size as our store's. POST wraps the body as our row (development id, actor, record time, a
 * SHA-256 link) and inserts it in one transaction per request, `synchronous_commit` on like ours.
 * GET sends a stored JSON document from a row as it is.
 */
export async function startBarePostgres(url: string): Promise<BareFastify> {
  const pool = new Pool({ connectionString: url, max: 10 });
  await pool.query(`
    CREATE TABLE IF NOT EXISTS events (
      global_position bigserial PRIMARY KEY,
      stream_id text NOT NULL, revision integer NOT NULL, type text NOT NULL,
      data json NOT NULL, metadata json NOT NULL, hash text NOT NULL, previous_hash text NOT NULL,
      UNIQUE (stream_id, revision));
    CREATE TABLE IF NOT EXISTS documents (id text PRIMARY KEY, body text NOT NULL);`);
  const ids = monotonicFactory();
  const heads = new Map<string, { revision: number; hash: string }>();

  const server = Fastify({ logger: false });
  server.post<{ Params: { id: string }; Body: Record<string, unknown> }>('/stories/:id/developments', async (request, reply) => {
    const streamId = `story-${request.params.id}`;
    const head = heads.get(streamId) ?? { revision: 0, hash: '0'.repeat(64) };
    const revision = head.revision + 1;
    const developmentId = ids();
    const data = JSON.stringify({ developmentId, ...request.body });
    const metadata = JSON.stringify({ actor: 'bench-editor', recordedAt: new Date().toISOString(), correlationId: ids() });
    const hash = createHash('sha256').update(data + metadata + head.hash).digest('hex');
    heads.set(streamId, { revision, hash });
    const client = await pool.connect();
    try {
      await client.query('BEGIN');
      await client.query('SET LOCAL synchronous_commit = on');
      await client.query('INSERT INTO events (stream_id, revision, type, data, metadata, hash, previous_hash) VALUES ($1, $2, $3, $4, $5, $6, $7)', [
        streamId, revision, 'TroopEstimateRecorded', data, metadata, hash, head.hash,
      ]);
      await client.query('COMMIT');
    } finally {
      client.release();
    }
    void reply.code(201).header('etag', `"${revision}"`);
    return { id: request.params.id, revision, developmentId, events: ['TroopEstimateRecorded'] };
  });
  server.get<{ Params: { id: string } }>('/stories/:id', async (request, reply) => {
    const { rows } = await pool.query<{ body: string }>('SELECT body FROM documents WHERE id = $1', [request.params.id]);
    if (rows.length === 0) return reply.code(404).send({ title: 'Not Found' });
    return reply.type('application/json; charset=utf-8').send(rows[0]!.body);
  });

  await server.listen({ port: 0, host: '127.0.0.1' });
  const address = server.server.address();
  if (address === null || typeof address === 'string') throw new Error('The bare PostgreSQL server did not report a TCP address');
  return {
    name: 'bare-pg',
    baseUrl: `http://127.0.0.1:${address.port}`,
    headers: { 'content-type': 'application/json' },
    storeDocument: async (id, json) => {
      await pool.query('INSERT INTO documents (id, body) VALUES ($1, $2) ON CONFLICT (id) DO UPDATE SET body = excluded.body', [id, json]);
    },
    averageRowBytes: () => Number.NaN,
    close: async () => {
      await server.close();
      await pool.end();
    },
  };
}
