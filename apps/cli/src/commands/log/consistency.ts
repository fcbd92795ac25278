import type { Checkpoint, LogReading } from '@story-tracker/verifiable-log';
import { events } from './log-format';

/** Whether today's log, as read from the events, extends a checkpoint issued before. */
export interface Consistency {
  readonly consistent: boolean;
  readonly checkpointSize: number;
  /** Today's size: the events read before the end, or before the first problem. */
  readonly treeSize: number;
  /** What differs, when not consistent. */
  readonly problem?: string;
  /** The verdict in one line of plain words. */
  readonly line: string;
}

/**
 * Consistent when today's log reaches the checkpoint's size with nothing wrong on the way and its root
 * at that size is the checkpoint's: then the events the checkpoint signed are all still there,
 * unchanged and in their order. The root is recomputed from the events themselves, which is more than a
 * consistency proof from the server's tree would show.
 *
 * A log that holds the checkpoint's events but is broken after them is not called consistent either:
 * it is no log a checkpoint could be signed for today, and a script that reads the exit code alone must
 * not take it for a sound one.
 */
export function consistencyOf(checkpoint: Checkpoint, reading: LogReading): Consistency {
  const n = checkpoint.treeSize;
  const sizes = { checkpointSize: n, treeSize: reading.size };
  const root = reading.roots.get(n);
  if (root === undefined) {
    const problem = reading.problem
      ? `today's log is broken within the checkpoint's ${events(n)}: ${reading.problem}`
      : `today's log has ${events(reading.size)}, fewer than the checkpoint's ${events(n)}: events were removed`;
    return notConsistent(sizes, problem);
  }
  if (!root.equals(checkpoint.rootHash)) {
    return notConsistent(sizes, `the root of today's first ${events(n)} is not the checkpoint's: among them an event was changed, removed, added or moved`);
  }
  if (reading.problem) {
    return notConsistent(sizes, `today's log holds the checkpoint's ${events(n)} unchanged, but is broken after them: ${reading.problem}`);
  }
  const line =
    reading.size === n
      ? `consistent: today's log (${events(n)}) is the log the checkpoint signed`
      : `consistent: today's log (${events(reading.size)}) extends the checkpoint of ${events(n)}`;
  return { consistent: true, ...sizes, line };
}

function notConsistent(sizes: { checkpointSize: number; treeSize: number }, problem: string): Consistency {
  return { consistent: false, ...sizes, problem, line: `NOT CONSISTENT: ${problem}` };
}
