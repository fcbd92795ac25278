import { randomUUID } from 'node:crypto';
import type Database from 'better-sqlite3';
import { inClaimOrder, outboxStatements, toAttempt, toClaimed, toSqlite, toStatus, type AttemptRow, type ClaimedRow, type OutboxStatement, type StatusRow } from './outbox-sql';
import {
  assertClaimOptions,
  assertNewDeliveries,
  assertTime,
  attemptError,
  type AttemptOutcome,
  type ClaimedWebhookDelivery,
  type ClaimOptions,
  type NewWebhookDelivery,
  type WebhookAttempt,
  type WebhookDeliveryStatus,
  type WebhookOutbox,
} from './webhook-outbox.port';

/**
 * The outbox in the `webhook_deliveries` and `webhook_attempts` tables of the event store's own
 * SQLite file (schema migration 3), on the store's main connection, as the snapshots are. Every
 * write is an IMMEDIATE transaction: the processes on the file take the write lock in turn
 * (busy_timeout makes the others wait), so a row is leased to one claimer at a time.
 */
export class SqliteWebhookOutbox implements WebhookOutbox {
  private readonly statements: { [name in OutboxStatement]: Database.Statement };

  constructor(
    private readonly db: Database.Database,
    private readonly assertOpen: () => void,
  ) {
    const sql = outboxStatements({ collate: '', lock: '' });
    this.statements = Object.fromEntries(Object.entries(sql).map(([name, text]) => [name, db.prepare(toSqlite(text))])) as { [name in OutboxStatement]: Database.Statement };
  }

  async enqueue(deliveries: readonly NewWebhookDelivery[]): Promise<void> {
    this.assertOpen();
    assertNewDeliveries(deliveries);
    if (deliveries.length === 0) return;
    this.write(() => {
      for (const { alertId, watchId, url, at } of deliveries) this.statements.enqueue.run({ alertId, watchId, url, at });
    });
  }

  async claim(options: ClaimOptions): Promise<ClaimedWebhookDelivery[]> {
    this.assertOpen();
    assertClaimOptions(options);
    const token = randomUUID();
    const { now, limit, leaseMs, perWatch } = options;
    // Most polls find nothing due: they only read, and leave the write lock to the writers.
    if (this.statements.anyDue.get({ now }) === undefined) return [];
    const rows = this.write(() => this.statements.claim.all({ now, token, leaseUntil: now + leaseMs, perWatch, limit }) as ClaimedRow[]);
    return inClaimOrder(rows.map((row) => toClaimed(row, token)));
  }

  async record(claim: Pick<ClaimedWebhookDelivery, 'alertId' | 'leaseToken' | 'attempt' | 'watchId'>, attempt: Omit<WebhookAttempt, 'alertId' | 'attempt'>, outcome: AttemptOutcome): Promise<boolean> {
    this.assertOpen();
    assertTime(attempt.at, 'at');
    const { alertId, leaseToken: token } = claim;
    return this.write(() => {
      this.statements.recordAttempt.run({ alertId, attempt: claim.attempt, watchId: claim.watchId, at: attempt.at, status: attempt.status ?? null, error: attemptError(attempt.error) });
      const changed =
        outcome.next === 'retry'
          ? this.statements.retry.run({ alertId, token, at: outcome.at })
          : this.statements.finish.run({ alertId, token, state: outcome.next, at: attempt.at });
      return changed.changes === 1;
    });
  }

  async release(claim: Pick<ClaimedWebhookDelivery, 'alertId' | 'leaseToken'>, at: number): Promise<void> {
    this.assertOpen();
    assertTime(at, 'at');
    this.write(() => this.statements.release.run({ alertId: claim.alertId, token: claim.leaseToken, at }));
  }

  async cancel(watchId: string, now: number): Promise<number> {
    this.assertOpen();
    return this.write(() => this.statements.cancel.run({ watchId, now }).changes);
  }

  async attempts(watchId: string, limit: number): Promise<WebhookAttempt[]> {
    this.assertOpen();
    return (this.statements.attempts.all({ watchId, limit }) as AttemptRow[]).map(toAttempt);
  }

  async status(alertId: string): Promise<WebhookDeliveryStatus | undefined> {
    this.assertOpen();
    const row = this.statements.status.get({ alertId }) as StatusRow | undefined;
    return row && toStatus(row);
  }

  async prune(before: number): Promise<number> {
    this.assertOpen();
    return this.write(() => {
      this.statements.pruneAttempts.run({ before });
      return this.statements.pruneDeliveries.run({ before }).changes;
    });
  }

  /**
   * Every write in an IMMEDIATE transaction: it takes the write lock before it reads, so busy_timeout
   * makes it wait for another process's writer instead of failing on a snapshot that went stale.
   */
  private write<T>(work: () => T): T {
    return this.db.transaction(work).immediate();
  }
}
