import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { openSqliteEventStore, type SqliteEventStore } from '../sqlite-event-store';

/**
 * For a test on a real SQLite file: a folder of its own with the store's file in it, and every store
 * opened on that file, so that a test can close and reopen the file (a restart, a file tampered with
 * behind the store's back) and clean up after itself in two calls.
 */
export class SqliteFileStores {
  private readonly opened: SqliteEventStore[] = [];
  private current: string | undefined;

  constructor(private readonly prefix: string) {}

  /** Makes a new folder (the file in it does not exist yet); call it before the first `open`. */
  makeFolder(): void {
    this.current = mkdtempSync(join(tmpdir(), this.prefix));
  }

  get folder(): string {
    if (this.current === undefined) throw new Error('No folder yet: call makeFolder() first');
    return this.current;
  }

  /** The store's file. */
  get file(): string {
    return join(this.folder, 'events.sqlite');
  }

  /** A store on the file, closed by `closeAll`. */
  open(): SqliteEventStore {
    const store = openSqliteEventStore({ file: this.file });
    this.opened.push(store);
    return store;
  }

  async closeAll(): Promise<void> {
    for (const store of this.opened.splice(0)) await store.close();
  }

  /** Closes every store and removes the folder with everything in it. */
  async remove(): Promise<void> {
    await this.closeAll();
    if (this.current !== undefined) rmSync(this.current, { recursive: true, force: true });
    this.current = undefined;
  }
}
