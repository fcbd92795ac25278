import type { Database } from 'better-sqlite3';

/**
 * Puts the file in WAL mode. The first switch of a new file needs it to itself, and SQLite answers
 * SQLITE_BUSY at once (without its busy handler) while another connection is switching or opening
 * it; several processes that open one new file together therefore try again, briefly, until
 * `timeoutMs` is spent.
 */
export function enableWalMode(db: Database, timeoutMs: number): void {
  const deadline = Date.now() + timeoutMs;
  for (let wait = 5; ; wait = Math.min(wait * 2, 100)) {
    try {
      const mode = db.pragma('journal_mode = WAL', { simple: true });
      if (String(mode).toLowerCase() !== 'wal') throw new Error(`SQLite refused WAL mode for ${db.name} (got ${String(mode)})`);
      return;
    } catch (error) {
      if ((error as { code?: string }).code !== 'SQLITE_BUSY' || Date.now() > deadline) throw error;
      // Start-up only, once per file: a synchronous pause is fine here.
      Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, wait);
    }
  }
}
