import { MAX_CHECKPOINT_BYTES, MalformedCheckpointError, isSignedBy, parseCheckpoint, verifierKeyOf, type LogPublicKey, type ParsedNote } from '@story-tracker/verifiable-log';
import { CliFailure, CliUsageError } from '../../cli-exit';
import { readBounded } from './read-bounded';

/**
 * A checkpoint as issued (GET /log/checkpoint, `log checkpoint`), from a file. What is not one is a
 * usage error naming what is wrong; nothing is checked against the log yet.
 */
export function readCheckpointFile(file: string): ParsedNote {
  return parseCheckpointText(readBounded(file, MAX_CHECKPOINT_BYTES, 'a checkpoint'), file);
}

export function parseCheckpointText(text: string, from: string): ParsedNote {
  try {
    return parseCheckpoint(text);
  } catch (error) {
    if (error instanceof MalformedCheckpointError) throw new CliUsageError(`${from} is not a checkpoint: ${error.message}`);
    throw error;
  }
}

/**
 * Refuses a checkpoint that is not signed by `key` or names another log: without a valid signature
 * its size and root are anyone's claim, and comparing them with the log would prove nothing.
 */
export function requireSignedBy(note: ParsedNote, key: LogPublicKey, from: string): void {
  if (note.checkpoint.origin !== key.name) {
    throw new CliFailure(`${from} is a checkpoint of the log "${note.checkpoint.origin}", not of "${key.name}"`);
  }
  if (!isSignedBy(note, key)) {
    throw new CliFailure(`${from} does not carry a valid signature by ${verifierKeyOf(key)}: its text was changed, or another key signed it`);
  }
}
