import { spawn } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { createServer, type AddressInfo } from 'node:net';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';

/** dist/bench/src/scale → the built API, as `npm start` runs it. */
const MAIN = join(__dirname, '..', '..', '..', 'apps', 'api', 'src', 'main.js');

export interface ApiStart {
  /** From spawning `node dist/apps/api/src/main.js` to the first 200 from GET /health. */
  readonly healthyMs: number;
  /** Resident memory right after that first 200, and the process's peak so far (VmHWM), in MiB. */
  readonly rssMiB: number;
  readonly peakRssMiB: number;
  /** The JSON log lines it wrote (LOG_LEVEL=info). */
  readonly logLines: readonly Record<string, unknown>[];
}

/**
 * Starts the real API on `dataDir` (SQLite, no demo story), waits for GET /health to answer 200,
 * reads its memory from /proc, and stops it with SIGTERM (the clean shutdown).
 */
export async function timeApiStart(dataDir: string, timeoutMs: number): Promise<ApiStart> {
  const port = await freePort();
  const started = performance.now();
  const child = spawn(process.execPath, [MAIN], {
    env: { PATH: process.env.PATH ?? '', HOST: '127.0.0.1', PORT: String(port), LOG_LEVEL: 'info', SEED_DEMO_STORY: 'false', EVENT_STORE: 'sqlite', DATA_DIR: dataDir },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  let errors = '';
  child.stdout!.on('data', (chunk: Buffer) => (output += chunk.toString()));
  child.stderr!.on('data', (chunk: Buffer) => (errors = (errors + chunk.toString()).slice(-10_000)));
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  try {
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      if (child.exitCode !== null) throw new Error(`The API exited with ${child.exitCode} before it answered:\n${errors}`);
      const ok = await fetch(`http://127.0.0.1:${port}/health`).then((response) => response.status === 200, () => false);
      if (ok) break;
      if (Date.now() > deadline) throw new Error(`The API did not answer /health within ${timeoutMs} ms:\n${errors}`);
      await new Promise((resolve) => setTimeout(resolve, 20));
    }
    const healthyMs = performance.now() - started;
    const status = readFileSync(`/proc/${child.pid}/status`, 'utf8');
    const kib = (field: string) => Number(new RegExp(`^${field}:\\s+(\\d+)`, 'm').exec(status)?.[1] ?? Number.NaN);
    return { healthyMs, rssMiB: kib('VmRSS') / 1024, peakRssMiB: kib('VmHWM') / 1024, logLines: parseLines(() => output) };
  } finally {
    if (child.exitCode === null && child.signalCode === null) child.kill('SIGTERM');
    await exited;
  }
}

function parseLines(output: () => string): Record<string, unknown>[] {
  return output()
    .split('\n')
    .filter((line) => line.startsWith('{'))
    .map((line) => JSON.parse(line) as Record<string, unknown>);
}

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as AddressInfo;
      server.close(() => resolve(port));
    });
  });
}
