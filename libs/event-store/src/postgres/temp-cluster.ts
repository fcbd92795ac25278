import { execFileSync, spawn, spawnSync } from 'node:child_process';
import { chownSync, existsSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Client } from 'pg';

/**
 * A throwaway PostgreSQL cluster for tests: the real server from the machine's packages, never a
 * mock. `initdb` into a fresh temporary folder (as the `postgres` user when we are root, since the
 * server refuses to run as root), a free port on 127.0.0.1, the socket in the folder, started once
 * per test file and removed afterwards. Each test takes a fresh database from it (about 50 ms).
 *
 * A watchdog shell outlives nothing: it waits for this process to end and then stops the server and
 * removes the folder, so a test run that is killed (or crashes before `afterAll`) leaves no postgres
 * behind. `remove()` stops the watchdog first, then the server.
 */

const DEBIAN_BIN_DIRS = '/usr/lib/postgresql';

/** The folder holding initdb, pg_ctl and postgres: $POSTGRES_BIN, else Debian's newest, else none. */
export function findPostgresBinDir(): string | undefined {
  const fromEnv = process.env['POSTGRES_BIN'];
  if (fromEnv) return existsSync(join(fromEnv, 'initdb')) ? fromEnv : undefined;
  if (!existsSync(DEBIAN_BIN_DIRS)) return undefined;
  const versions = readdirSync(DEBIAN_BIN_DIRS)
    .filter((version) => /^\d+$/.test(version) && existsSync(join(DEBIAN_BIN_DIRS, version, 'bin', 'initdb')))
    .sort((a, b) => Number(b) - Number(a));
  return versions[0] && join(DEBIAN_BIN_DIRS, versions[0], 'bin');
}

export const MISSING_POSTGRES_MESSAGE =
  'PostgreSQL server binaries not found (no initdb in $POSTGRES_BIN, or without it in /usr/lib/postgresql/*/bin): ' +
  'install them with `apt-get install postgresql`';

export class TempPostgresCluster {
  private watchdog: number | undefined;
  private databases = 0;
  private running = false;

  private constructor(
    readonly binDir: string,
    readonly folder: string,
    readonly port: number,
  ) {}

  /** Makes and starts a new cluster; throws (and leaves nothing behind) when it cannot. */
  static async start(binDir = findPostgresBinDir()): Promise<TempPostgresCluster> {
    if (!binDir) throw new Error(MISSING_POSTGRES_MESSAGE);
    const folder = mkdtempSync(join(tmpdir(), 'pg-cluster-'));
    const cluster = new TempPostgresCluster(binDir, folder, await freePort());
    try {
      if (isRoot()) chownSync(folder, postgresUser().uid, postgresUser().gid);
      cluster.run('initdb', ['-D', cluster.dataDir, '-A', 'trust', '-U', 'postgres', '-E', 'UTF8', '--no-sync', '--no-instructions']);
      cluster.startWatchdog();
      await cluster.startServer();
      return cluster;
    } catch (error) {
      await cluster.remove();
      throw error;
    }
  }

  get dataDir(): string {
    return join(this.folder, 'data');
  }

  /** A connection URL for a database of this cluster (as the superuser `postgres`, no password). */
  url(database = 'postgres'): string {
    return `postgres://postgres@127.0.0.1:${this.port}/${database}`;
  }

  /** A new, empty database; its URL. */
  async createDatabase(): Promise<string> {
    const name = `test_${process.pid}_${++this.databases}`;
    // template0 has nothing in it that could differ from one machine to another.
    await this.sql(`CREATE DATABASE ${name} TEMPLATE template0`);
    return this.url(name);
  }

  /** Runs one statement on a short-lived superuser connection; its rows. */
  async sql<T extends Record<string, unknown> = Record<string, unknown>>(text: string, database = 'postgres', values: unknown[] = []): Promise<T[]> {
    const client = new Client({ connectionString: this.url(database), connectionTimeoutMillis: 5000 });
    client.on('error', () => undefined);
    await client.connect();
    try {
      return (await client.query<T>(text, values)).rows;
    } finally {
      await client.end();
    }
  }

  /** Starts the server (again) on the same port; resolves once it accepts connections. */
  async startServer(): Promise<void> {
    const options = [
      `-p ${this.port}`,
      `-k ${this.folder}`,
      '-c listen_addresses=127.0.0.1',
      '-c max_connections=300',
      '-c shared_buffers=32MB',
      // Durable as in production (fsync and synchronous_commit stay on): the fault tests count on it.
      '-c fsync=on',
    ].join(' ');
    this.run('pg_ctl', ['-D', this.dataDir, '-o', options, '-l', join(this.folder, 'pg.log'), '-w', '-t', '30', 'start']);
    this.running = true;
  }

  /** Stops the server: `immediate` is a crash (no checkpoint, clients cut off at once). */
  async stopServer(mode: 'fast' | 'immediate' = 'fast'): Promise<void> {
    if (!this.running) return;
    this.run('pg_ctl', ['-D', this.dataDir, '-m', mode, '-w', '-t', '30', 'stop']);
    this.running = false;
  }

  /** The server's log, for a failing test's message. */
  log(): string {
    const file = join(this.folder, 'pg.log');
    return existsSync(file) ? readFileSync(file, 'utf8') : '';
  }

  /** Stops the server and its watchdog and deletes the folder; safe to call twice. */
  async remove(): Promise<void> {
    if (this.watchdog !== undefined) {
      try {
        process.kill(this.watchdog, 'SIGTERM');
      } catch {
        // Already gone.
      }
      this.watchdog = undefined;
    }
    try {
      if (existsSync(join(this.dataDir, 'postmaster.pid'))) {
        this.run('pg_ctl', ['-D', this.dataDir, '-m', 'immediate', '-w', '-t', '30', 'stop']);
      }
    } finally {
      this.running = false;
      rmSync(this.folder, { recursive: true, force: true });
    }
  }

  private run(tool: string, args: string[]): void {
    const [command, commandArgs] = asPostgres(join(this.binDir, tool), args);
    const result = spawnSync(command, commandArgs, { encoding: 'utf8', timeout: 60_000 });
    if (result.status !== 0) {
      throw new Error(`${tool} failed (${result.status ?? result.signal}): ${result.stderr || result.stdout}\n${this.log()}`);
    }
  }

  /**
   * A detached shell that waits for this process to end, then stops the server (immediate) and
   * removes the folder. Killed by `remove()` when the test file ends normally.
   */
  private startWatchdog(): void {
    const [stop, stopArgs] = asPostgres(join(this.binDir, 'pg_ctl'), ['-D', this.dataDir, '-m', 'immediate', 'stop']);
    const quoted = [stop, ...stopArgs].map((part) => `'${part.replace(/'/g, `'\\''`)}'`).join(' ');
    const script = `while kill -0 ${process.pid} 2>/dev/null; do sleep 1; done; ${quoted} >/dev/null 2>&1; rm -rf '${this.folder}'`;
    const child = spawn('sh', ['-c', script], { detached: true, stdio: 'ignore' });
    child.unref();
    this.watchdog = child.pid;
  }
}

function isRoot(): boolean {
  return process.getuid?.() === 0;
}

let postgresIds: { uid: number; gid: number } | undefined;
function postgresUser(): { uid: number; gid: number } {
  postgresIds ??= {
    uid: Number(execFileSync('id', ['-u', 'postgres'], { encoding: 'utf8' }).trim()),
    gid: Number(execFileSync('id', ['-g', 'postgres'], { encoding: 'utf8' }).trim()),
  };
  return postgresIds;
}

/** The server refuses to run as root: run its tools as `postgres` then. */
function asPostgres(command: string, args: string[]): [string, string[]] {
  return isRoot() ? ['runuser', ['-u', 'postgres', '--', command, ...args]] : [command, args];
}

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      server.close(() => (typeof address === 'object' && address ? resolve(address.port) : reject(new Error('no port'))));
    });
  });
}
