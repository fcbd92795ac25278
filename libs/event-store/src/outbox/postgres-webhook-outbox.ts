import { randomUUID } from 'node:crypto';
import type { Pool, PoolClient, QueryResultRow } from 'pg';
import { fixedStatement, toQuery, type FixedStatement } from '../postgres/fixed-statement';
import { toUnavailable } from '../postgres/postgres-errors';
import { inClaimOrder, outboxStatements, toAttempt, toClaimed, toPostgres, toStatus, type AttemptRow, type ClaimedRow, type OutboxStatement, type StatusRow } from './outbox-sql';
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

type Statements = { [name in OutboxStatement]: { statement: FixedStatement; names: string[] } };

/**
 * The outbox in the `webhook_deliveries` and `webhook_attempts` tables of the event store's database
 * (migration 4), on the store's pool. A claim is one UPDATE: two instances claiming at once wait on
 * each other's row locks, and the second finds those rows leased and leaves them, so a row is leased
 * to one instance at a time; the lease running out is what hands a stopped instance's rows on.
 */
export class PostgresWebhookOutbox implements WebhookOutbox {
  private readonly statements: Statements;

  constructor(
    private readonly pool: Pool,
    private readonly assertOpen: () => void,
    /** Whether fixed statements are prepared (see fixed-statement.ts). */
    private readonly prepare = true,
  ) {
    const texts = Object.entries(outboxStatements({ collate: 'COLLATE "C"', lock: 'FOR UPDATE SKIP LOCKED' }));
    this.statements = Object.fromEntries(
      texts.map(([name, text]) => {
        const { text: postgresText, names } = toPostgres(text);
        return [name, { statement: fixedStatement(`outbox-${name}`, postgresText), names }];
      }),
    ) as Statements;
  }

  async enqueue(deliveries: readonly NewWebhookDelivery[]): Promise<void> {
    assertNewDeliveries(deliveries);
    if (deliveries.length === 0) return;
    await this.transaction('handing over webhook deliveries', async (run) => {
      for (const { alertId, watchId, url, at } of deliveries) await run('enqueue', { alertId, watchId, url, at });
    });
  }

  async claim(options: ClaimOptions): Promise<ClaimedWebhookDelivery[]> {
    assertClaimOptions(options);
    const token = randomUUID();
    const { now, limit, leaseMs, perWatch } = options;
    const rows = await this.query<ClaimedRow>('claim', { now, token, leaseUntil: now + leaseMs, perWatch, limit }, 'claiming webhook deliveries');
    return inClaimOrder(rows.map((row) => toClaimed(row, token)));
  }

  async record(claim: Pick<ClaimedWebhookDelivery, 'alertId' | 'leaseToken' | 'attempt' | 'watchId'>, attempt: Omit<WebhookAttempt, 'alertId' | 'attempt'>, outcome: AttemptOutcome): Promise<boolean> {
    assertTime(attempt.at, 'at');
    const { alertId, leaseToken: token } = claim;
    return this.transaction('recording a webhook attempt', async (run) => {
      await run('recordAttempt', { alertId, attempt: claim.attempt, watchId: claim.watchId, at: attempt.at, status: attempt.status ?? null, error: attemptError(attempt.error) });
      const changed = outcome.next === 'retry' ? await run('retry', { alertId, token, at: outcome.at }) : await run('finish', { alertId, token, state: outcome.next, at: attempt.at });
      return changed === 1;
    });
  }

  async release(claim: Pick<ClaimedWebhookDelivery, 'alertId' | 'leaseToken'>, at: number): Promise<void> {
    assertTime(at, 'at');
    await this.query('release', { alertId: claim.alertId, token: claim.leaseToken, at }, 'releasing a webhook delivery');
  }

  async cancel(watchId: string, now: number): Promise<number> {
    return (await this.run(this.pool, 'cancel', { watchId, now }, 'cancelling webhook deliveries')).rowCount;
  }

  async attempts(watchId: string, limit: number): Promise<WebhookAttempt[]> {
    return (await this.query<AttemptRow>('attempts', { watchId, limit }, 'listing webhook attempts')).map(toAttempt);
  }

  async status(alertId: string): Promise<WebhookDeliveryStatus | undefined> {
    const [row] = await this.query<StatusRow>('status', { alertId }, 'reading a webhook delivery');
    return row && toStatus(row);
  }

  async prune(before: number): Promise<number> {
    return this.transaction('pruning webhook deliveries', async (run) => {
      await run('pruneAttempts', { before });
      return run('pruneDeliveries', { before });
    });
  }

  private async query<T extends QueryResultRow>(name: OutboxStatement, values: Record<string, unknown>, doing: string): Promise<T[]> {
    return (await this.run<T>(this.pool, name, values, doing)).rows;
  }

  private async run<T extends QueryResultRow>(on: Pool | PoolClient, name: OutboxStatement, values: Record<string, unknown>, doing: string): Promise<{ rows: T[]; rowCount: number }> {
    this.assertOpen();
    const { statement, names } = this.statements[name];
    try {
      const result = await on.query<T>(toQuery(statement, names.map((key) => values[key]), this.prepare));
      return { rows: result.rows, rowCount: result.rowCount ?? 0 };
    } catch (error) {
      throw toUnavailable(error, doing);
    }
  }

  /** `work` in one transaction on a connection of the pool's (see PostgresEventStore.checkOut on 'error'). */
  private async transaction<T>(doing: string, work: (run: (name: OutboxStatement, values: Record<string, unknown>) => Promise<number>) => Promise<T>): Promise<T> {
    this.assertOpen();
    let client: PoolClient;
    try {
      client = await this.pool.connect();
    } catch (error) {
      throw toUnavailable(error, doing);
    }
    const ignore = () => undefined;
    client.on('error', ignore);
    let broken: Error | undefined;
    try {
      await client.query('BEGIN');
      const result = await work(async (name, values) => (await this.run(client, name, values, doing)).rowCount);
      await client.query('COMMIT');
      return result;
    } catch (error) {
      await client.query('ROLLBACK').catch((rollback: Error) => (broken = rollback));
      throw toUnavailable(error, doing);
    } finally {
      client.removeListener('error', ignore);
      client.release(broken);
    }
  }
}
