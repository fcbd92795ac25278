import { spawn, type ChildProcess } from 'node:child_process';
import { createServer, type AddressInfo } from 'node:net';
import { join } from 'node:path';
import { BENCH_EDITOR } from '../fixtures';
import type { HttpTarget } from './http-target';

/** dist/bench/src/targets → the built API, as `npm start` runs it. */
const MAIN = join(__dirname, '..', '..', '..', 'apps', 'api', 'src', 'main.js');

const GRANTS = [{ token: BENCH_EDITOR.token, actor: BENCH_EDITOR.actor, roles: ['editor'] }];

/**
 * Real API processes, `node dist/apps/api/src/main.js`, all on the store that `env` names (one
 * SQLite DATA_DIR, or one PostgreSQL database): several instances of one newsroom.
 */
export async function startApiProcesses(count: number, env: Record<string, string>, name = 'instance'): Promise<HttpTarget[]> {
  const started: HttpTarget[] = [];
  try {
    for (let index = 0; index < count; index++) started.push(await startOne(env, `${name}-${index + 1}`));
    return started;
  } catch (error) {
    await Promise.all(started.map((target) => target.close()));
    throw error;
  }
}

async function startOne(env: Record<string, string>, name: string): Promise<HttpTarget> {
  // Logs off, as for every API the bench runs: so the port is chosen here and the start
  // is noticed by asking /health, not by reading a log line.
  const port = await freePort();
  const child = spawn(process.execPath, [MAIN], {
    env: { PATH: process.env.PATH ?? '', HOST: '127.0.0.1', PORT: String(port), LOG_LEVEL: 'silent', SEED_DEMO_STORY: 'false', AUTH_TOKENS: JSON.stringify(GRANTS), ...env },
    stdio: ['ignore', 'ignore', 'pipe'],
  });
  let errors = '';
  child.stderr!.on('data', (chunk: Buffer) => {
    errors = (errors + chunk.toString()).slice(-10_000);
  });
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  const baseUrl = `http://127.0.0.1:${port}`;
  const close = async () => {
    if (child.exitCode === null && child.signalCode === null) child.kill('SIGTERM');
    await exited;
  };
  try {
    await healthy(baseUrl, child, () => errors);
  } catch (error) {
    await close();
    throw error;
  }
  return { name, baseUrl, headers: { authorization: `Bearer ${BENCH_EDITOR.token}`, 'content-type': 'application/json' }, close };
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

async function healthy(baseUrl: string, child: ChildProcess, errors: () => string, timeoutMs = 30_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    if (child.exitCode !== null) throw new Error(`An API process exited with ${child.exitCode} before it answered:\n${errors()}`);
    const ok = await fetch(`${baseUrl}/health`).then((response) => response.ok, () => false);
    if (ok) return;
    if (Date.now() > deadline) throw new Error(`An API process did not answer /health within ${timeoutMs} ms:\n${errors()}`);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}
