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
  /** The JSON log lines it wrote (LOG_LEVEL=info) until then. */
  readonly logLines: readonly Record<string, unknown>[];
}

/** An API process that answered its first GET /health, still running. */
export interface RunningApi extends ApiStart {
  readonly baseUrl: string;
  /** Every JSON log line it wrote so far. */
  logLinesNow(): Record<string, unknown>[];
  /** SIGTERM (the clean shutdown), resolved once it exited. */
  stop(): Promise<void>;
}

/**
 * Starts the real API on `dataDir` (SQLite, no demo story), waits for GET /health to answer 200,
 * reads its memory from /proc, and stops it with SIGTERM (the clean shutdown).
 */
export async function timeApiStart(dataDir: string, timeoutMs: number): Promise<ApiStart> {
  const api = await startApiProcess(dataDir, timeoutMs);
  await api.stop();
  return { healthyMs: api.healthyMs, rssMiB: api.rssMiB, peakRssMiB: api.peakRssMiB, logLines: api.logLines };
}

/**
 * Starts the real API on `dataDir` (SQLite, no demo story, LOG_LEVEL=info, `env` added) and leaves it
 * running once GET /health answered 200.
 */
export async function startApiProcess(dataDir: string, timeoutMs: number, env: Readonly<Record<string, string>> = {}): Promise<RunningApi> {
  const port = await freePort();
  const started = performance.now();
  const child = spawn(process.execPath, [MAIN], {
    env: { PATH: process.env.PATH ?? '', HOST: '127.0.0.1', PORT: String(port), LOG_LEVEL: 'info', SEED_DEMO_STORY: 'false', EVENT_STORE: 'sqlite', DATA_DIR: dataDir, ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  let errors = '';
  child.stdout!.on('data', (chunk: Buffer) => (output += chunk.toString()));
  child.stderr!.on('data', (chunk: Buffer) => (errors = (errors + chunk.toString()).slice(-10_000)));
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  const stop = async () => {
    if (child.exitCode === null && child.signalCode === null) child.kill('SIGTERM');
    await exited;
  };
  const baseUrl = `http://127.0.0.1:${port}`;
  try {
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      if (child.exitCode !== null) throw new Error(`The API exited with ${child.exitCode} before it answered:\n${errors}`);
      const ok = await fetch(`${baseUrl}/health`).then((response) => response.status === 200, () => false);
      if (ok) break;
      if (Date.now() > deadline) throw new Error(`The API did not answer /health within ${timeoutMs} ms:\n${errors}`);
      await new Promise((resolve) => setTimeout(resolve, 20));
    }
    const healthyMs = performance.now() - started;
    const status = readFileSync(`/proc/${child.pid}/status`, 'utf8');
    const kib = (field: string) => Number(new RegExp(`^${field}:\\s+(\\d+)`, 'm').exec(status)?.[1] ?? Number.NaN);
    return { baseUrl, healthyMs, rssMiB: kib('VmRSS') / 1024, peakRssMiB: kib('VmHWM') / 1024, logLines: parseLines(output), logLinesNow: () => parseLines(output), stop };
  } catch (error) {
    await stop();
    throw error;
  }
}

/** The first log line with this message, waiting for it (a line that work in the background logs). */
export async function awaitLogLine(api: RunningApi, message: string, timeoutMs: number): Promise<Record<string, unknown>> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const line = api.logLinesNow().find((candidate) => candidate['msg'] === message);
    if (line) return line;
    if (Date.now() > deadline) throw new Error(`The API logged no "${message}" line within ${timeoutMs} ms`);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

/** The complete lines only: a chunk may end in the middle of one. */
function parseLines(output: string): Record<string, unknown>[] {
  return output
    .slice(0, output.lastIndexOf('\n') + 1)
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
