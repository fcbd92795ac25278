import { randomUUID } from 'node:crypto';
import {
  assertClaimOptions,
  assertNewDeliveries,
  attemptError,
  type AttemptOutcome,
  type ClaimedWebhookDelivery,
  type ClaimOptions,
  type NewWebhookDelivery,
  type WebhookAttempt,
  type WebhookDeliveryState,
  type WebhookDeliveryStatus,
  type WebhookOutbox,
} from './webhook-outbox.port';

interface Row {
  alertId: string;
  watchId: string;
  url: string;
  state: WebhookDeliveryState;
  attempts: number;
  enqueuedAt: number;
  firstAttemptAt: number | null;
  nextAttemptAt: number;
  leaseToken: string | null;
  leaseUntil: number | null;
  finishedAt: number | null;
}

/**
 * The outbox held in memory: for the in-memory store, and for a store that has no table for it
 * (KurrentDB), where it lasts as long as the process and each instance has its own.
 */
export class InMemoryWebhookOutbox implements WebhookOutbox {
  private readonly rows = new Map<string, Row>();
  private readonly attemptRows: (WebhookAttempt & { watchId: string })[] = [];

  async enqueue(deliveries: readonly NewWebhookDelivery[]): Promise<void> {
    assertNewDeliveries(deliveries);
    for (const { alertId, watchId, url, at } of deliveries) {
      if (this.rows.has(alertId)) continue;
      this.rows.set(alertId, { alertId, watchId, url, state: 'pending', attempts: 0, enqueuedAt: at, firstAttemptAt: null, nextAttemptAt: at, leaseToken: null, leaseUntil: null, finishedAt: null });
    }
  }

  async claim(options: ClaimOptions): Promise<ClaimedWebhookDelivery[]> {
    assertClaimOptions(options);
    const { now, limit, leaseMs, perWatch } = options;
    const leased = new Map<string, number>();
    for (const row of this.rows.values()) if (row.state === 'pending' && row.leaseUntil !== null && row.leaseUntil > now) leased.set(row.watchId, (leased.get(row.watchId) ?? 0) + 1);
    const due = [...this.rows.values()]
      .filter((row) => row.state === 'pending' && row.nextAttemptAt <= now && (row.leaseUntil === null || row.leaseUntil <= now))
      .sort(byDue);
    const token = randomUUID();
    const claimed: ClaimedWebhookDelivery[] = [];
    for (const row of due) {
      if (claimed.length >= limit) break;
      const inFlight = leased.get(row.watchId) ?? 0;
      if (inFlight >= perWatch) continue;
      leased.set(row.watchId, inFlight + 1);
      row.attempts += 1;
      row.firstAttemptAt ??= now;
      row.leaseToken = token;
      row.leaseUntil = now + leaseMs;
      claimed.push({ alertId: row.alertId, watchId: row.watchId, url: row.url, attempt: row.attempts, firstAttemptAt: row.firstAttemptAt, enqueuedAt: row.enqueuedAt, leaseToken: token });
    }
    return claimed;
  }

  async record(claim: Pick<ClaimedWebhookDelivery, 'alertId' | 'leaseToken' | 'attempt' | 'watchId'>, attempt: Omit<WebhookAttempt, 'alertId' | 'attempt'>, outcome: AttemptOutcome): Promise<boolean> {
    const error = attemptError(attempt.error);
    if (!this.attemptRows.some((row) => row.alertId === claim.alertId && row.attempt === claim.attempt)) {
      this.attemptRows.push({ alertId: claim.alertId, watchId: claim.watchId, attempt: claim.attempt, at: attempt.at, ...(attempt.status !== undefined && { status: attempt.status }), ...(error !== null && { error }) });
    }
    const row = this.rows.get(claim.alertId);
    if (!row || row.state !== 'pending' || row.leaseToken !== claim.leaseToken) return false;
    row.leaseToken = null;
    row.leaseUntil = null;
    if (outcome.next === 'retry') {
      row.nextAttemptAt = outcome.at;
    } else {
      row.state = outcome.next;
      row.finishedAt = attempt.at;
    }
    return true;
  }

  async release(claim: Pick<ClaimedWebhookDelivery, 'alertId' | 'leaseToken'>, at: number): Promise<void> {
    const row = this.rows.get(claim.alertId);
    if (!row || row.leaseToken !== claim.leaseToken) return;
    row.attempts -= 1;
    if (row.attempts === 0) row.firstAttemptAt = null;
    row.leaseToken = null;
    row.leaseUntil = null;
    row.nextAttemptAt = at;
  }

  async cancel(watchId: string, now: number): Promise<number> {
    let cancelled = 0;
    for (const row of this.rows.values()) {
      if (row.watchId !== watchId || row.state !== 'pending') continue;
      row.state = 'cancelled';
      row.leaseToken = null;
      row.leaseUntil = null;
      row.finishedAt = now;
      cancelled += 1;
    }
    return cancelled;
  }

  async attempts(watchId: string, limit: number): Promise<WebhookAttempt[]> {
    return this.attemptRows
      .filter((row) => row.watchId === watchId)
      .sort((a, b) => b.at - a.at || compareText(b.alertId, a.alertId) || b.attempt - a.attempt)
      .slice(0, limit)
      .map(({ watchId: _watchId, ...attempt }) => ({ ...attempt }));
  }

  async status(alertId: string): Promise<WebhookDeliveryStatus | undefined> {
    const row = this.rows.get(alertId);
    return row && { alertId: row.alertId, watchId: row.watchId, state: row.state, attempts: row.attempts, nextAttemptAt: row.nextAttemptAt, ...(row.leaseUntil !== null && { leasedUntil: row.leaseUntil }) };
  }

  async prune(before: number): Promise<number> {
    let removed = 0;
    for (const row of [...this.rows.values()]) {
      if (row.state === 'pending' || row.finishedAt === null || row.finishedAt >= before) continue;
      this.rows.delete(row.alertId);
      removed += 1;
      for (let index = this.attemptRows.length - 1; index >= 0; index--) if (this.attemptRows[index]!.alertId === row.alertId) this.attemptRows.splice(index, 1);
    }
    return removed;
  }
}

function byDue(a: Row, b: Row): number {
  return a.nextAttemptAt - b.nextAttemptAt || a.enqueuedAt - b.enqueuedAt || compareText(a.alertId, b.alertId);
}

/** Code-unit order, as SQLite's and PostgreSQL's "C" collation compare text. */
function compareText(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
