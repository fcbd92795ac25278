/**
 * Sample sizes of the verifiable-log cases. The whole group stays within about three minutes on a
 * 2-CPU machine once its fixtures are cached (most of it the reads of all 1,000,000 events).
 */
export const LOG = {
  /** Seeds the proofs asked for, so that runs ask the same questions; each series derives its own. */
  seed: 9162,
  /** The log the proofs are asked of: the 1M-event scale store (1,000 stories × 1,000 events). */
  stories: 1_000,
  eventsPerStory: 1_000,
  /** Proofs per series (inclusion or consistency, cold or warm), in-process and over HTTP alike. */
  proofs: 2_000,
  /**
   * The append workload, with and without the tree kept: events in all, streams written at once (a
   * run takes ≈ 2–5 s here, bound by the disk's fsync rate), after one untimed run of each side.
   */
  appendEvents: 10_000,
  appendWarmupEvents: 1_000,
  appendStreams: 10,
  /** Rounds of each side of the append workload, alternating (the order flips every round). */
  appendRounds: 4,
  /** Events read and applied at a time in the catch-up case: the runner's default. */
  catchUpBatch: 5_000,
  /** A first start on 1M events (read models and the tree built) takes seconds; give it minutes. */
  startTimeoutMs: 300_000,
} as const;

/** The token the bench's API process gives the auditor role (proofs and POST /log/verify need it). */
export const LOG_AUDITOR = { actor: 'bench-auditor', token: 'bench-auditor-token-0123456789' } as const;
