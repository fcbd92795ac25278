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

/**
 * Copies every page of the WAL into the file and truncates it to nothing, so that pages as they were
 * before a rewrite (a redaction's) are in no file any more. TRUNCATE waits for readers of older pages
 * (busy_timeout); a reader that holds on longer (another process in a long read) leaves the WAL as it
 * is, and the call tries a few more times before it says so. A database not in WAL mode (`:memory:`)
 * has nothing to empty.
 */
export async function emptyWal(db: Database, attempts = 20): Promise<void> {
  for (let attempt = 1; ; attempt++) {
    const [result] = db.pragma('wal_checkpoint(TRUNCATE)') as { busy: number; log: number; checkpointed: number }[];
    if (!result || result.log === -1 || (result.busy === 0 && result.log === 0)) return;
    if (attempt >= attempts) throw new Error(`The WAL of ${db.name} could not be emptied: another connection keeps reading old pages, which stay in ${db.name}-wal until it lets go`);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}
