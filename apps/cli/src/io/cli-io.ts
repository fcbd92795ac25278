import { once } from 'node:events';
import type { Writable } from 'node:stream';

/** Where the CLI reads its configuration and writes: the process's own, or a test's. */
export interface CliIo {
  readonly stdout: Writable;
  readonly stderr: Writable;
  readonly env: Readonly<Record<string, string | undefined>>;
}

/** Injection token of the `CliIo`. */
export const CLI_IO = Symbol('CliIo');

/** Whether a stream is a terminal (process.stdout/stderr carry `isTTY`; plain streams do not). */
export function isTerminal(stream: Writable): boolean {
  return (stream as Writable & { isTTY?: boolean }).isTTY === true;
}

/**
 * Writes a chunk and, when the stream's buffer is full, waits until it drains, so a long export never
 * holds more than one buffer of output in memory. Rejects if the stream fails (a closed pipe).
 */
export async function writeOut(stream: Writable, chunk: string): Promise<void> {
  if (!stream.write(chunk)) await once(stream, 'drain');
}
