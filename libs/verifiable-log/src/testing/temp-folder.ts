import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

/**
 * A fresh temporary folder for the integration tests (real SQLite files, key files), with the things
 * to close before it goes. Like the event store's TempDatabase, which is internal to that lib.
 */
export class TempFolder {
  readonly path = mkdtempSync(join(tmpdir(), 'verifiable-log-'));
  private readonly cleanups: (() => unknown)[] = [];

  file(name: string): string {
    return join(this.path, name);
  }

  /** Runs at remove(), latest first, before the folder goes (close a store or a connection here). */
  onRemove(cleanup: () => unknown): void {
    this.cleanups.push(cleanup);
  }

  async remove(): Promise<void> {
    for (const cleanup of this.cleanups.reverse()) await cleanup();
    rmSync(this.path, { recursive: true, force: true });
  }
}
