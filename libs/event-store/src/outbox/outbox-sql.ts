import type { ClaimedWebhookDelivery, WebhookAttempt, WebhookDeliveryStatus } from './webhook-outbox.port';

/**
 * The outbox's statements, written once for both SQL adapters (SQLite and PostgreSQL take the same
 * window functions, `ON CONFLICT` and `RETURNING`), with `$name` parameters that each adapter turns
 * into its own kind (see `toSqlite`, `toPostgres`). Text ties are ordered in code-unit order (SQLite's
 * BINARY, PostgreSQL's `COLLATE "C"`), as the in-memory adapter orders them.
 */
const due = (row: string) => `${row}state = 'pending' AND ${row}next_attempt_at <= $now AND (${row}lease_until IS NULL OR ${row}lease_until <= $now)`;

export function outboxStatements({ collate, lock }: { collate: string; lock: string }) {
  return {
    enqueue: `
      INSERT INTO webhook_deliveries (alert_id, watch_id, url, state, attempts, enqueued_at, next_attempt_at)
      VALUES ($alertId, $watchId, $url, 'pending', 0, $at, $at) ON CONFLICT (alert_id) DO NOTHING`,
    /*
     * One statement, so racing claimers take turns on each row: the outer WHERE holds the due and lease
     * conditions again, which PostgreSQL checks once more on a row another claim has just updated (and
     * skips it), and which SQLite's one writer at a time makes moot. On PostgreSQL the rows are picked
     * FOR UPDATE SKIP LOCKED, so claimers at the same moment mostly pick different rows rather than
     * wait for each other's and come back empty. A watch's place in line counts the leases it already
     * has, so a receiver that hangs fills only its own `perWatch` slots.
     */
    claim: `
      WITH candidates AS (
        SELECT d.alert_id,
               ROW_NUMBER() OVER (PARTITION BY d.watch_id ORDER BY d.next_attempt_at, d.enqueued_at, d.alert_id ${collate}) + COALESCE(l.leased, 0) AS place
        FROM webhook_deliveries d
        LEFT JOIN (
          SELECT watch_id, COUNT(*) AS leased FROM webhook_deliveries
          WHERE state = 'pending' AND lease_until > $now GROUP BY watch_id
        ) l ON l.watch_id = d.watch_id
        WHERE ${due('d.')}
      ), picked AS MATERIALIZED (
        SELECT alert_id FROM webhook_deliveries
        WHERE alert_id IN (SELECT alert_id FROM candidates WHERE place <= $perWatch)
        ORDER BY next_attempt_at, enqueued_at, alert_id ${collate}
        LIMIT $limit ${lock}
      )
      UPDATE webhook_deliveries
      SET attempts = attempts + 1, first_attempt_at = COALESCE(first_attempt_at, $now), lease_token = $token, lease_until = $leaseUntil
      WHERE alert_id IN (SELECT alert_id FROM picked) AND ${due('')}
      RETURNING alert_id, watch_id, url, attempts, first_attempt_at, enqueued_at`,
    /** Whether `claim` would find anything: a read, so an idle poll takes no write lock. */
    anyDue: `SELECT 1 AS due FROM webhook_deliveries WHERE ${due('')} LIMIT 1`,
    recordAttempt: `
      INSERT INTO webhook_attempts (alert_id, attempt, watch_id, at, status, error) VALUES ($alertId, $attempt, $watchId, $at, $status, $error)
      ON CONFLICT (alert_id, attempt) DO NOTHING`,
    retry: `
      UPDATE webhook_deliveries SET next_attempt_at = $at, lease_token = NULL, lease_until = NULL
      WHERE alert_id = $alertId AND lease_token = $token AND state = 'pending'`,
    finish: `
      UPDATE webhook_deliveries SET state = $state, finished_at = $at, lease_token = NULL, lease_until = NULL
      WHERE alert_id = $alertId AND lease_token = $token AND state = 'pending'`,
    release: `
      UPDATE webhook_deliveries
      SET attempts = attempts - 1, first_attempt_at = CASE WHEN attempts = 1 THEN NULL ELSE first_attempt_at END,
          next_attempt_at = $at, lease_token = NULL, lease_until = NULL
      WHERE alert_id = $alertId AND lease_token = $token`,
    cancel: `
      UPDATE webhook_deliveries SET state = 'cancelled', finished_at = $now, lease_token = NULL, lease_until = NULL
      WHERE watch_id = $watchId AND state = 'pending'`,
    attempts: `
      SELECT alert_id, attempt, at, status, error FROM webhook_attempts WHERE watch_id = $watchId
      ORDER BY at DESC, alert_id ${collate} DESC, attempt DESC LIMIT $limit`,
    status: `
      SELECT alert_id, watch_id, state, attempts, next_attempt_at, lease_until FROM webhook_deliveries WHERE alert_id = $alertId`,
    pruneAttempts: `
      DELETE FROM webhook_attempts WHERE alert_id IN (
        SELECT alert_id FROM webhook_deliveries WHERE state <> 'pending' AND finished_at < $before)`,
    pruneDeliveries: `DELETE FROM webhook_deliveries WHERE state <> 'pending' AND finished_at < $before`,
  } as const;
}

export type OutboxStatement = keyof ReturnType<typeof outboxStatements>;

/** For better-sqlite3: `$name` → `@name`, bound from an object. */
export function toSqlite(sql: string): string {
  return sql.replace(/\$([A-Za-z]\w*)/g, '@$1');
}

/** For node-postgres: `$name` → `$1`, `$2`…, and the names in the order their values go. */
export function toPostgres(sql: string): { text: string; names: string[] } {
  const names: string[] = [];
  const text = sql.replace(/\$([A-Za-z]\w*)/g, (_, name: string) => {
    let index = names.indexOf(name);
    if (index === -1) index = names.push(name) - 1;
    return `$${index + 1}`;
  });
  return { text, names };
}

/** A claimed row as the SQL adapters read it (PostgreSQL's bigint comes as text: Number() both). */
export interface ClaimedRow {
  alert_id: string;
  watch_id: string;
  url: string;
  attempts: number | string;
  first_attempt_at: number | string;
  enqueued_at: number | string;
}

export interface AttemptRow {
  alert_id: string;
  attempt: number | string;
  at: number | string;
  status: number | null;
  error: string | null;
}

export interface StatusRow {
  alert_id: string;
  watch_id: string;
  state: 'pending' | 'delivered' | 'failed' | 'cancelled';
  attempts: number | string;
  next_attempt_at: number | string;
  lease_until: number | string | null;
}

export function toClaimed(row: ClaimedRow, leaseToken: string): ClaimedWebhookDelivery {
  return { alertId: row.alert_id, watchId: row.watch_id, url: row.url, attempt: Number(row.attempts), firstAttemptAt: Number(row.first_attempt_at), enqueuedAt: Number(row.enqueued_at), leaseToken };
}

/** RETURNING gives rows in no promised order: oldest first, as they were handed over. */
export function inClaimOrder(claims: ClaimedWebhookDelivery[]): ClaimedWebhookDelivery[] {
  return claims.sort((a, b) => a.enqueuedAt - b.enqueuedAt || (a.alertId < b.alertId ? -1 : a.alertId > b.alertId ? 1 : 0));
}

export function toAttempt(row: AttemptRow): WebhookAttempt {
  return { alertId: row.alert_id, attempt: Number(row.attempt), at: Number(row.at), ...(row.status !== null && { status: Number(row.status) }), ...(row.error !== null && { error: row.error }) };
}

export function toStatus(row: StatusRow): WebhookDeliveryStatus {
  return { alertId: row.alert_id, watchId: row.watch_id, state: row.state, attempts: Number(row.attempts), nextAttemptAt: Number(row.next_attempt_at), ...(row.lease_until !== null && { leasedUntil: Number(row.lease_until) }) };
}
