import { closeSync, openSync, readSync } from 'node:fs';
import { CliUsageError } from '../../cli-exit';

/**
 * A small file's text, read no further than `limit` bytes: a huge file given by mistake (or a device)
 * is refused, not loaded. Any error reading it is a usage error naming the file.
 */
export function readBounded(file: string, limit: number, what: string): string {
  const text = readBoundedIfPresent(file, limit, what);
  if (text === undefined) throw new CliUsageError(`cannot read ${file} (ENOENT: there is no such file)`);
  return text;
}

/** `readBounded`, with undefined for a file that does not exist. */
export function readBoundedIfPresent(file: string, limit: number, what: string): string | undefined {
  let fd: number;
  try {
    fd = openSync(file, 'r');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
    throw new CliUsageError(`cannot read ${file} (${codeOf(error)})`);
  }
  try {
    const buffer = Buffer.alloc(limit + 1);
    let length = 0;
    for (;;) {
      const read = readSync(fd, buffer, length, buffer.length - length, null);
      if (read === 0) break;
      length += read;
      if (length > limit) throw new CliUsageError(`${file} is not ${what}: that is at most ${limit} bytes`);
    }
    return buffer.subarray(0, length).toString('utf8');
  } catch (error) {
    if (error instanceof CliUsageError) throw error;
    throw new CliUsageError(`cannot read ${file} (${codeOf(error)})`);
  } finally {
    closeSync(fd);
  }
}

export function codeOf(error: unknown): string {
  return (error as NodeJS.ErrnoException).code ?? (error instanceof Error ? error.message : String(error));
}
