import type { Writable } from 'node:stream';
import { SingleBar } from 'cli-progress';
import { isTerminal } from './cli-io';

/** Runs over more events than this show progress on stderr; shorter ones finish before it would help. */
export const PROGRESS_THRESHOLD = 1000;

/** How often progress is written as a plain line when stderr is not a terminal (a log file, CI). */
export const PROGRESS_LINE_INTERVAL_MS = 2000;

export interface Progress {
  update(done: number): void;
  /** Ends the display (a terminal bar is cleared); call it before writing results to stdout. */
  stop(): void;
}

export interface ProgressOptions {
  readonly enabled: boolean;
  readonly now?: () => number;
}

const NO_PROGRESS: Progress = { update: () => undefined, stop: () => undefined };

/**
 * Progress of a run over `total` events, always on stderr so stdout carries results only. Nothing for
 * short runs; a cli-progress bar on a terminal; elsewhere a plain line at most every two seconds, so a
 * quick run writes nothing and a long one leaves a readable trace in a log.
 */
export function startProgress(stderr: Writable, label: string, total: number, options: ProgressOptions): Progress {
  if (!options.enabled || total <= PROGRESS_THRESHOLD) return NO_PROGRESS;
  return isTerminal(stderr) ? barProgress(stderr, label, total) : lineProgress(stderr, label, total, options.now ?? Date.now);
}

function barProgress(stderr: Writable, label: string, total: number): Progress {
  const bar = new SingleBar({
    stream: stderr,
    format: `${label} [{bar}] {percentage}% | {value}/{total} events | ETA {eta_formatted}`,
    barsize: 30,
    clearOnComplete: true,
    // The cursor stays visible and no SIGINT handler is installed: a handler would stop Ctrl-C from
    // ending the process, and a hidden cursor would outlive a crash.
    hideCursor: false,
    gracefulExit: false,
  });
  bar.start(total, 0);
  return { update: (done) => bar.update(done), stop: () => bar.stop() };
}

function lineProgress(stderr: Writable, label: string, total: number, now: () => number): Progress {
  let last = now();
  return {
    update(done) {
      if (now() - last < PROGRESS_LINE_INTERVAL_MS) return;
      last = now();
      stderr.write(`${label}: ${done}/${total} events (${Math.floor((done / total) * 100)}%)\n`);
    },
    stop: () => undefined,
  };
}
