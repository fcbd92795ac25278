/** The CLI's exit codes: auditors' scripts branch on them. */
export const ExitCode = {
  /** Done; for verify, replay and the log commands, every chain, checkpoint or proof checked holds. */
  Ok: 0,
  /** A chain is broken, a checkpoint is not consistent or not validly signed, a proof fails, or something failed while running. */
  Failed: 1,
  /** Bad arguments or configuration, a file that is not a checkpoint, an unknown story or revision: nothing was checked. */
  Usage: 2,
} as const;

export type ExitCode = (typeof ExitCode)[keyof typeof ExitCode];

/** A mistake in what the CLI was asked to do (exit code 2). */
export class CliUsageError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'CliUsageError';
  }
}

/**
 * A check that was run and does not hold, or something the CLI refuses to do with what it found (a
 * checkpoint with no valid signature, a broken log that must not be signed): exit code 1, and the
 * message on stderr.
 */
export class CliFailure extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'CliFailure';
  }
}
