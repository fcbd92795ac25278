import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Writable } from 'node:stream';
import Database from 'better-sqlite3';
import { openSqliteEventStore, type EventStore } from '@story-tracker/event-store';
import { loadLogIdentity, type LogSigningKey } from '@story-tracker/verifiable-log';
import { runCli } from '../../apps/cli/src/run-cli';

/** A stream that keeps what is written to it; `isTTY` makes it pass for a terminal. */
export class CapturedStream extends Writable {
  private readonly chunks: string[] = [];

  constructor(readonly isTTY = false) {
    super();
  }

  override _write(chunk: Buffer | string, _encoding: BufferEncoding, done: (error?: Error | null) => void): void {
    this.chunks.push(chunk.toString());
    done();
  }

  get text(): string {
    return this.chunks.join('');
  }

  get lines(): string[] {
    return this.text.split('\n').filter((line) => line !== '');
  }
}

export interface CliRun {
  readonly code: number;
  readonly stdout: CapturedStream;
  readonly stderr: CapturedStream;
}

/** A DATA_DIR with an SQLite event store in a temporary folder, and the CLI run against it in-process. */
export class CliDataDir {
  readonly folder = mkdtempSync(join(tmpdir(), 'story-tracker-cli-'));
  readonly file = join(this.folder, 'events.sqlite');

  /** Opens the store, lets `fill` append to it, and closes it again so the file is complete. */
  async fill(fill: (store: EventStore) => Promise<void>): Promise<void> {
    const store = openSqliteEventStore({ file: this.file });
    try {
      await fill(store);
    } finally {
      await store.close();
    }
  }

  /** The log's key and origin, made in DATA_DIR as the API's first start makes them. */
  startLog(): LogSigningKey {
    return loadLogIdentity({ dataDir: this.folder }).key;
  }

  /** A path in the folder, for checkpoint and witness files. */
  path(name: string): string {
    return join(this.folder, name);
  }

  /** Changes the file behind the store's back, with a plain better-sqlite3 connection. */
  tamper(change: (db: Database.Database) => void): void {
    const db = new Database(this.file);
    try {
      db.transaction(() => change(db))();
    } finally {
      db.close();
    }
  }

  async run(argv: string[], options: { stderrIsTTY?: boolean; env?: Record<string, string> } = {}): Promise<CliRun> {
    const stdout = new CapturedStream();
    const stderr = new CapturedStream(options.stderrIsTTY);
    const env = { DATA_DIR: this.folder, EVENT_STORE: 'sqlite', ...options.env };
    const code = await runCli(argv, { stdout, stderr, env });
    return { code, stdout, stderr };
  }

  remove(): void {
    rmSync(this.folder, { recursive: true, force: true });
  }
}
