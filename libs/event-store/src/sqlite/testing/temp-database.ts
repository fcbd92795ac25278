import Database from 'better-sqlite3';
import { existsSync, mkdtempSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

/**
 * A database file in a fresh temporary folder for SQLite integration tests, with a way to look at
 * the file from outside the store (another connection, the sizes on disk) and to remove it all.
 */
export class TempDatabase {
  readonly folder = mkdtempSync(join(tmpdir(), 'event-store-'));
  readonly file = join(this.folder, 'events.sqlite');
  private readonly cleanups: Array<() => unknown> = [];

  /** A connection of the test's own, as another program would open the file. Closed by remove(). */
  rawConnection(): Database.Database {
    const db = new Database(this.file);
    db.pragma('busy_timeout = 5000');
    this.cleanups.push(() => db.open && db.close());
    return db;
  }

  /** Runs at remove(), before the folder goes (close a store here). */
  onRemove(cleanup: () => unknown): void {
    this.cleanups.push(cleanup);
  }

  walBytes(): number {
    return sizeOf(`${this.file}-wal`);
  }

  fileBytes(): number {
    return sizeOf(this.file);
  }

  async remove(): Promise<void> {
    for (const cleanup of this.cleanups.reverse()) await cleanup();
    rmSync(this.folder, { recursive: true, force: true });
  }
}

function sizeOf(path: string): number {
  return existsSync(path) ? statSync(path).size : 0;
}
