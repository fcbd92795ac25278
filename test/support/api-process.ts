import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { join } from 'node:path';
import { GRANTS } from './test-app';

const REPO = join(__dirname, '..', '..');
const MAIN = join(REPO, 'dist', 'apps', 'api', 'src', 'main.js');

/** Builds dist/ once per test file (about a second), so the processes run what `npm start` runs. */
export function buildOnce(): void {
  const run = spawnSync(process.execPath, [join(REPO, 'scripts', 'build.mjs')], { cwd: REPO, encoding: 'utf8' });
  if (run.status !== 0) throw new Error(`The build failed:\n${run.stdout}\n${run.stderr}`);
}

/** A real API process, started as `npm start` starts it, on a port of its own. */
export interface ApiProcess {
  readonly url: string;
  readonly child: ChildProcess;
  /** What it logged, for a failing test's message. */
  output(): string;
  /** SIGTERM and wait for the exit (the clean shutdown). */
  stop(): Promise<void>;
  /** SIGKILL: the process dies at once, mid-request if it was in one. */
  kill(): Promise<void>;
}

export async function startApiProcess(env: Record<string, string>, timeoutMs = 20_000): Promise<ApiProcess> {
  const child = spawn(process.execPath, [MAIN], {
    cwd: REPO,
    env: {
      PATH: process.env.PATH ?? '',
      HOST: '127.0.0.1',
      PORT: '0',
      LOG_LEVEL: 'info',
      SEED_DEMO_STORY: 'false',
      AUTH_TOKENS: JSON.stringify(GRANTS),
      ...env,
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  const url = await new Promise<string>((resolve, reject) => {
    const timer = setTimeout(() => {
      child.kill('SIGKILL');
      reject(new Error(`The API did not start within ${timeoutMs} ms:\n${output}`));
    }, timeoutMs);
    const look = (chunk: Buffer) => {
      output += chunk.toString();
      const match = /listening on (http:\/\/[\d.:]+)/.exec(output);
      if (match) {
        clearTimeout(timer);
        resolve(match[1]!);
      }
    };
    child.stdout!.on('data', look);
    child.stderr!.on('data', (chunk: Buffer) => (output += chunk.toString()));
    child.once('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`The API exited with ${code} before it listened:\n${output}`));
    });
  });
  const signal = async (name: NodeJS.Signals) => {
    if (child.exitCode === null && child.signalCode === null) child.kill(name);
    await exited;
  };
  return { url, child, output: () => output, stop: () => signal('SIGTERM'), kill: () => signal('SIGKILL') };
}

/** Starts several at once; if any fails, stops the others before it throws, so none is left behind. */
export async function startApiProcesses(count: number, env: Record<string, string> | ((index: number) => Record<string, string>)): Promise<ApiProcess[]> {
  const envOf = typeof env === 'function' ? env : () => env;
  const started = await Promise.allSettled(Array.from({ length: count }, (_, index) => startApiProcess(envOf(index))));
  const running = started.flatMap((result) => (result.status === 'fulfilled' ? [result.value] : []));
  const failure = started.find((result): result is PromiseRejectedResult => result.status === 'rejected');
  if (failure) {
    await Promise.all(running.map((instance) => instance.stop()));
    throw failure.reason;
  }
  return running;
}
