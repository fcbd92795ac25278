import { createHash, generateKeyPairSync } from 'node:crypto';
import { writeFileSync } from 'node:fs';
import Database from 'better-sqlite3';
import { LogSigningKey } from '@story-tracker/verifiable-log';
import type { CliDataDir } from './cli-harness';

/** What the log tests need beside the CLI: keys, files, and the tree's root computed here, not by the lib under test. */

export const newKey = (name: string) => LogSigningKey.fromPem(name, generateKeyPairSync('ed25519').privateKey.export({ format: 'pem', type: 'pkcs8' }).toString());

/** The root of the first `size` events of the store (all by default), read from the file. */
export function rootOf(dataDir: CliDataDir, size?: number): Buffer {
  const db = new Database(dataDir.file, { readonly: true });
  try {
    return merkleRootOf(db, size);
  } finally {
    db.close();
  }
}

/** The stored hash of a story's event, as the file holds it. */
export function storedHash(dataDir: CliDataDir, stream: string, revision: number): string {
  const db = new Database(dataDir.file, { readonly: true });
  try {
    return (db.prepare('SELECT hash FROM events WHERE stream_id = ? AND revision = ?').get(stream, revision) as { hash: string }).hash;
  } finally {
    db.close();
  }
}

/** Today's checkpoint as `log checkpoint` prints it, kept in a file of the folder. */
export async function saveCheckpoint(dataDir: CliDataDir, name = 'checkpoint.txt'): Promise<{ file: string; text: string }> {
  const { code, stdout } = await dataDir.run(['log', 'checkpoint']);
  if (code !== 0) throw new Error(`log checkpoint exited ${code}`);
  return { file: saveText(dataDir, name, stdout.text), text: stdout.text };
}

export function saveText(dataDir: CliDataDir, name: string, text: string): string {
  writeFileSync(dataDir.path(name), text);
  return dataDir.path(name);
}

const sha256 = (...parts: Buffer[]) => createHash('sha256').update(Buffer.concat(parts)).digest();

/** MTH of RFC 9162 §2.1.1, straight from its definition, over the events' leaves in global order. */
function merkleRootOf(db: Database.Database, size?: number): Buffer {
  const rows = db.prepare('SELECT hash FROM events ORDER BY global_position').all() as { hash: string }[];
  const leaves = rows.slice(0, size).map((row) => sha256(Buffer.from([0]), Buffer.from(row.hash, 'hex')));
  return mth(leaves);
}

function mth(leaves: readonly Buffer[]): Buffer {
  if (leaves.length === 0) return sha256();
  if (leaves.length === 1) return leaves[0]!;
  let k = 1;
  while (k * 2 < leaves.length) k *= 2;
  return sha256(Buffer.from([1]), mth(leaves.slice(0, k)), mth(leaves.slice(k)));
}
