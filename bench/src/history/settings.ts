/**
 * Sample sizes of the history cases. Far below the HTTP cases' settings: on the 100,000-event story a
 * naive replay takes seconds (its cost grows with the square of the revision, see bench/README.md),
 * and the whole `npm run bench` has to stay within about four minutes on a 2-CPU machine.
 */
export const HISTORY = {
  /** Seeds the revisions asked for, so that runs are comparable; each case derives its own. */
  seed: 424242,
  /** GET /stories/{id}?revision=N: requests one at a time, after a warm-up. */
  stateRequests: 40,
  stateWarmup: 5,
  /** Naive replays, of the first of the same N's (a check of our answer; their times are printed). */
  stateBaselineSamples: 5,
  /**
   * GET ?revision=N with N in 1..smallRevisionMax (documents under 100 KB), beside the same bytes from
   * the bare route. Two hundred, so that the p99 of the target is one (of 20 it was the slowest
   * request, whatever paused the process then); they take a few milliseconds each.
   */
  smallStateRequests: 200,
  smallRevisionMax: 1_000,
  /** POST to the long story and to a story at revision 10, alternating. */
  appendRequests: 100,
  appendWarmup: 10,
  /**
   * GET /stories/{id}/diff?from=A&to=B with B − A at most diffMaxGap (about the last hour of this
   * story): a diff across thousands of revisions takes from seconds to minutes on both sides.
   */
  diffRequests: 10,
  diffWarmup: 2,
  diffBaselineSamples: 3,
  diffMaxGap: 100,
  /** Full replays of the stream on our side (each takes seconds) and on the baseline's. */
  replayRoundsOurs: 1,
  replayRoundsBaseline: 3,
  /** Replay + verify of the stream: rounds, each one run of ours beside one of the baseline. */
  verifyRounds: 2,
} as const;
