import { randomBytes } from 'node:crypto';
import { closeSync, fsyncSync, linkSync, openSync, renameSync, rmSync, writeSync } from 'node:fs';
import { basename, dirname, join } from 'node:path';
import { parseVerifierKey, type LogPublicKey, type ParsedNote } from '@story-tracker/verifiable-log';
import { CliFailure, CliUsageError } from '../../cli-exit';
import { parseCheckpointText } from './checkpoint-file';
import { codeOf, readBoundedIfPresent } from './read-bounded';

/**
 * The witness's file: the verifier key pinned on its first run and the last checkpoint it saw,
 * `{ "verifierKey": "<C2SP verifier key>", "checkpoint": "<signed note>" }`.
 */
export interface WitnessFile {
  readonly verifierKey: string;
  readonly checkpoint: string;
}

export interface HeldWitness extends WitnessFile {
  readonly key: LogPublicKey;
  readonly note: ParsedNote;
  /** The file's text as read, to see whether it changed before it is replaced. */
  readonly text: string;
}

/** A checkpoint with a few cosignatures and a key fit in far less. */
const MAX_WITNESS_FILE_BYTES = 64 * 1024;

/** W as read and checked for form (not yet for its signature); undefined when there is no W yet. */
export function readWitnessFile(file: string): HeldWitness | undefined {
  const text = readWitnessText(file);
  if (text === undefined) return undefined;
  const notWitness = (why: string) => new CliUsageError(`${file} is not a witness file ({ "verifierKey": …, "checkpoint": … }): ${why}`);
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch (error) {
    throw notWitness(`not JSON (${error instanceof Error ? error.message : String(error)})`);
  }
  if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed)) throw notWitness('not a JSON object');
  const { verifierKey, checkpoint } = parsed as Record<string, unknown>;
  if (typeof verifierKey !== 'string') throw notWitness('verifierKey is missing or not a string');
  if (typeof checkpoint !== 'string') throw notWitness('checkpoint is missing or not a string');
  const key = parseVerifierKey(verifierKey);
  if (!key) throw notWitness('verifierKey is not a C2SP verifier key');
  return { verifierKey, checkpoint, key, note: parseCheckpointText(checkpoint, `the checkpoint in ${file}`), text };
}

/**
 * Writes W whole or not at all: into a temporary file beside it, flushed to disk, then moved into
 * place, so a crash or a full disk never leaves a witness with half a file (or none). The first
 * write links instead of renaming, so two first runs at once cannot both start a witness. Later
 * writes first check that W is still what this run read and checked.
 */
export function writeWitnessFile(file: string, content: WitnessFile, previous: HeldWitness | undefined): void {
  const temp = join(dirname(file), `.${basename(file)}.${process.pid}.${randomBytes(4).toString('hex')}.tmp`);
  try {
    const fd = openSync(temp, 'wx', 0o644);
    try {
      writeSync(fd, `${JSON.stringify(content, null, 2)}\n`);
      fsyncSync(fd);
    } finally {
      closeSync(fd);
    }
    if (previous === undefined) {
      linkSync(temp, file);
    } else {
      if (readWitnessText(file) !== previous.text) throw new CliFailure(`${file} changed while this run was checking it; run again`);
      renameSync(temp, file);
    }
  } catch (error) {
    if (error instanceof CliFailure) throw error;
    if ((error as NodeJS.ErrnoException).code === 'EEXIST') throw new CliFailure(`${file} appeared while this run was checking the log; run again`);
    throw new CliFailure(`cannot write ${file} (${codeOf(error)})`);
  } finally {
    rmSync(temp, { force: true });
  }
}

function readWitnessText(file: string): string | undefined {
  // Only a missing file starts a witness; any other trouble reading it must not start one afresh.
  return readBoundedIfPresent(file, MAX_WITNESS_FILE_BYTES, 'a witness file');
}
