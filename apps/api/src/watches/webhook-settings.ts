import { Injectable } from '@nestjs/common';

const SECOND = 1000;
const MINUTE = 60 * SECOND;
const HOUR = 60 * MINUTE;

/**
 * Tunables of webhook delivery, with the production values: the one place they are set. Not
 * environment variables (nobody needs to change them in production); tests shorten them through
 * `app.get(WebhookSettings)`, and every value is read when it is used, so a change takes effect at once.
 */
@Injectable()
export class WebhookSettings {
  /** A receiver that has not answered (headers) within this is a failed attempt. */
  timeoutMs = 5 * SECOND;
  /**
   * The wait after the n-th failed attempt (the last one repeats), each stretched by up to `jitter`
   * so that many deliveries failing together do not all come back at once: the first retry comes
   * within 10 seconds, the waits then grow.
   */
  backoffMs: readonly number[] = [5 * SECOND, 30 * SECOND, 2 * MINUTE, 10 * MINUTE, 30 * MINUTE, HOUR, 2 * HOUR, 4 * HOUR];
  jitter = 0.1;
  /** Counted from the first attempt: no attempt is started later (the last one is made at this mark). */
  giveUpAfterMs = 24 * HOUR;
  /** How often each instance looks for due deliveries when nothing woke it (a hand-over here wakes it at once). */
  pollIntervalMs = SECOND;
  /** A claimed delivery is this instance's for this long; a stopped instance's come back after it. */
  leaseMs = 30 * SECOND;
  /** Deliveries in flight at once on this instance, and of one watch across all instances. */
  maxInFlight = 32;
  maxInFlightPerWatch = 4;
  /** Finished deliveries (and their attempts, as listed) are kept this long, then pruned hourly. */
  keepFinishedMs = 30 * 24 * HOUR;
  pruneIntervalMs = HOUR;
}

/**
 * When the attempt after `attempt` (1 for the first) is due, or undefined once the deliveries' time
 * is up: never later than `firstAttemptAt + giveUpAfterMs`, so the last attempt is made at that mark.
 */
export function nextAttemptAt(settings: Pick<WebhookSettings, 'backoffMs' | 'jitter' | 'giveUpAfterMs'>, attempt: number, firstAttemptAt: number, now: number, random: () => number = Math.random): number | undefined {
  const deadline = firstAttemptAt + settings.giveUpAfterMs;
  if (now >= deadline) return undefined;
  const schedule = settings.backoffMs;
  const wait = schedule[Math.min(attempt, schedule.length) - 1] ?? 0;
  return Math.min(now + Math.round(wait * (1 + settings.jitter * random())), deadline);
}
