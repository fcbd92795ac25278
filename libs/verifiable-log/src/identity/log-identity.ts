import { randomBytes, generateKeyPairSync } from 'node:crypto';
import { closeSync, fsyncSync, linkSync, mkdirSync, openSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { LogSigningKey } from '../checkpoint/log-key';

export interface LogIdentityOptions {
  /** Where a key and an origin made on first start are kept; undefined keeps them in memory only. */
  readonly dataDir?: string;
  /** LOG_SIGNING_KEY_FILE: a PKCS#8 PEM Ed25519 private key. */
  readonly keyFile?: string;
  /** LOG_ORIGIN. */
  readonly origin?: string;
}

export interface LogIdentity {
  readonly key: LogSigningKey;
  /** Files this start created, for the log to say where they are. */
  readonly created: readonly string[];
}

export const LOG_KEY_FILE = 'log-signing-key.pem';
export const LOG_ORIGIN_FILE = 'log-origin.txt';

/**
 * The log's name and key. Both must stay the same for the life of the log (a witness pins them), so
 * whatever is made on a first start is written to DATA_DIR, published exclusively and whole: of several
 * instances starting together on one DATA_DIR, the first writes and the others read what it wrote.
 */
export function loadLogIdentity(options: LogIdentityOptions): LogIdentity {
  const created: string[] = [];
  const origin = options.origin ?? keptOrMade(options.dataDir, LOG_ORIGIN_FILE, 0o644, () => `story-tracker/${randomBytes(8).toString('hex')}\n`, created).trim();
  const pem = options.keyFile !== undefined ? readKeyFile(options.keyFile) : keptOrMade(options.dataDir, LOG_KEY_FILE, 0o600, newPrivateKeyPem, created);
  return { key: LogSigningKey.fromPem(origin, pem), created };
}

function keptOrMade(dataDir: string | undefined, name: string, mode: number, make: () => string, created: string[]): string {
  if (dataDir === undefined) return make();
  const file = join(dataDir, name);
  try {
    return readFileSync(file, 'utf8');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'ENOENT') throw error;
  }
  mkdirSync(dataDir, { recursive: true });
  const text = make();
  if (!publishOnce(file, text, mode)) return readFileSync(file, 'utf8');
  created.push(file);
  return text;
}

/**
 * Puts `text` at `file` unless the name is taken; whether it did. The text is written in full (and
 * synced) to a file of its own first, then linked to its name: link fails when the name exists, so of
 * instances starting together exactly one publishes, and no one ever reads the file half written
 * (creating it with 'wx' and then writing let the others read it empty: an empty origin, a key that
 * does not parse).
 */
function publishOnce(file: string, text: string, mode: number): boolean {
  const draft = `${file}.${process.pid}-${randomBytes(6).toString('hex')}.tmp`;
  const fd = openSync(draft, 'wx', mode);
  try {
    try {
      writeFileSync(fd, text);
      fsyncSync(fd);
    } finally {
      closeSync(fd);
    }
    try {
      linkSync(draft, file);
      return true;
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === 'EEXIST') return false;
      throw error;
    }
  } finally {
    rmSync(draft, { force: true });
  }
}

function readKeyFile(file: string): string {
  try {
    return readFileSync(file, 'utf8');
  } catch (error) {
    throw new Error(`LOG_SIGNING_KEY_FILE cannot be read (${(error as NodeJS.ErrnoException).code ?? String(error)}): ${file}`);
  }
}

function newPrivateKeyPem(): string {
  return generateKeyPairSync('ed25519').privateKey.export({ format: 'pem', type: 'pkcs8' }).toString();
}
