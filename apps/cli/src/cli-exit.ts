/** The CLI's exit codes: auditors' scripts branch on them. */
export const ExitCode = {
  /** Done; for verify and replay, every chain checked holds. */
  Ok: 0,
  /** A chain is broken, or something failed while running. */
  Failed: 1,
  /** Bad arguments or configuration, an unknown story or revision: nothing was checked. */
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
