import { createHash } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import Fastify from 'fastify';
import { monotonicFactory } from 'ulid';
import type { HttpTarget } from '../targets/http-target';
import { averageEventRowBytes } from '../row-size';
import { openBaselineDatabase } from './baseline-database';

export const BASELINE_GET_SOURCE = 'SQLite row (primary-key lookup), sent as stored, no parse';

export interface BareFastify extends HttpTarget {
  /** Stores the document that GET /stories/:id answers with (kept in a SQLite row). */
  storeDocument(id: string, json: string): void | Promise<void>;
  /** Average bytes of data + metadata + hashes per stored row, to compare with ours. */
  averageRowBytes(): number;
}

/** The in-process bare server, which also sends any bytes it is given. */
export interface BareFastifyWithBytes extends BareFastify {
  /** The bytes GET /bytes answers with, as they are (pre-serialized JSON: no parse, no serialise, no store). */
  setBytes(body: Buffer): void;
  /** Where GET /log-tiles/:level/:tile reads the log's tiles from (a read-model database with `log_tiles`). */
  serveLogTiles(file: string): void;
}

/**
 * The floor: Fastify with no Nest, no validation, no auth, no domain and no read models.
 * POST /stories/:id/developments wraps the body as our API would (a development id, actor, record
 * time, request id, a SHA-256 link to the previous row) and inserts one row, one durable transaction
 * per request. GET /stories/:id sends a stored JSON document from a SQLite row as it is; GET /bytes
 * sends the bytes last given to `setBytes` (the floor for an answer of that size). GET
 * /log-tiles/:level/:tile?hashes=n reads one tile of the verifiable log (one primary-key lookup) and
 * answers its first n hashes in base64, as JSON: the floor of a proof's answer of n hashes.
 */
export async function startBareFastify(): Promise<BareFastifyWithBytes> {
  const folder = mkdtempSync(join(tmpdir(), 'story-tracker-baseline-'));
  const database = openBaselineDatabase(join(folder, 'baseline.sqlite'));
  const { db } = database;
  const insert = db.prepare(
    'INSERT INTO events (stream_id, revision, type, data, metadata, hash, previous_hash) VALUES (?, ?, ?, ?, ?, ?, ?)',
  );
  const findDocument = db.prepare<[string], { body: string }>('SELECT body FROM documents WHERE id = ?');
  const ids = monotonicFactory();
  const heads = new Map<string, { revision: number; hash: string }>();

  const server = Fastify({ logger: false });
  server.post<{ Params: { id: string }; Body: Record<string, unknown> }>('/stories/:id/developments', async (request, reply) => {
    const streamId = `story-${request.params.id}`;
    const head = heads.get(streamId) ?? { revision: 0, hash: '0'.repeat(64) };
    const developmentId = ids();
    const data = JSON.stringify({ developmentId, ...request.body });
    const metadata = JSON.stringify({ actor: 'bench-editor', recordedAt: new Date().toISOString(), correlationId: ids() });
    const hash = createHash('sha256').update(data + metadata + head.hash).digest('hex');
    const revision = head.revision + 1;
    insert.run(streamId, revision, 'TroopEstimateRecorded', data, metadata, hash, head.hash);
    heads.set(streamId, { revision, hash });
    void reply.code(201).header('etag', `"${revision}"`);
    return { id: request.params.id, revision, developmentId, events: ['TroopEstimateRecorded'] };
  });
  server.get<{ Params: { id: string } }>('/stories/:id', async (request, reply) => {
    const row = findDocument.get(request.params.id);
    if (!row) return reply.code(404).send({ title: 'Not Found' });
    return reply.type('application/json; charset=utf-8').send(row.body);
  });

  let bytes: Buffer = Buffer.from('{}');
  server.get('/bytes', async (_request, reply) => reply.type('application/json; charset=utf-8').send(bytes));

  let tiles: { readonly db: Database.Database; readonly read: Database.Statement<[number, number], { hashes: Buffer }> } | undefined;
  server.get<{ Params: { level: string; tile: string }; Querystring: { hashes?: string } }>('/log-tiles/:level/:tile', async (request, reply) => {
    const row = tiles?.read.get(Number(request.params.level), Number(request.params.tile));
    if (!row) return reply.code(404).send({ title: 'Not Found' });
    const count = Math.min(Number(request.query.hashes ?? 0), row.hashes.length / 32);
    const hashes = Array.from({ length: count }, (_, i) => row.hashes.toString('base64', i * 32, (i + 1) * 32));
    return { level: Number(request.params.level), tile: Number(request.params.tile), hashes };
  });

  await server.listen({ port: 0, host: '127.0.0.1' });
  const address = server.server.address();
  if (address === null || typeof address === 'string') throw new Error('The bare Fastify server did not report a TCP address');
  return {
    name: 'bare-fastify',
    baseUrl: `http://127.0.0.1:${address.port}`,
    headers: { 'content-type': 'application/json' },
    storeDocument: (id, json) => {
      db.prepare('INSERT OR REPLACE INTO documents (id, body) VALUES (?, ?)').run(id, json);
    },
    setBytes: (body) => {
      bytes = body;
    },
    serveLogTiles: (file) => {
      tiles?.db.close();
      const tilesDb = new Database(file, { readonly: true, fileMustExist: true });
      tiles = { db: tilesDb, read: tilesDb.prepare('SELECT hashes FROM log_tiles WHERE level = ? AND tile = ?') };
    },
    averageRowBytes: () => averageEventRowBytes(db),
    close: async () => {
      await server.close();
      tiles?.db.close();
      database.close();
      rmSync(folder, { recursive: true, force: true });
    },
  };
}
