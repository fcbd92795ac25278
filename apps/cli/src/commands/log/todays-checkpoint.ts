import { signCheckpoint, type Checkpoint, type LogReading, type LogSigningKey } from '@story-tracker/verifiable-log';
import { CliFailure } from '../../cli-exit';

export interface SignedCheckpoint extends Checkpoint {
  /** The signed note, exactly as GET /log/checkpoint gives it. */
  readonly text: string;
}

/**
 * The checkpoint of today's log, as read, signed with the log's key. A log with a hole or a broken
 * event is refused: a signature on it would vouch for what the events no longer show.
 */
export function signReading(reading: LogReading, key: LogSigningKey): SignedCheckpoint {
  if (reading.problem) throw new CliFailure(`today's log is broken, so no checkpoint is signed: ${reading.problem}`);
  const checkpoint: Checkpoint = { origin: key.name, treeSize: reading.size, rootHash: reading.roots.get(reading.size)! };
  return { ...checkpoint, text: signCheckpoint(checkpoint, key) };
}
