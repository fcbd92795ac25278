import { Inject, Injectable, Logger, type OnApplicationBootstrap, type OnModuleDestroy, type OnModuleInit } from '@nestjs/common';
import type { AttemptOutcome, ClaimedWebhookDelivery, NewWebhookDelivery, WebhookOutbox } from '@story-tracker/event-store';
import { AppConfig, webhookAllowedHostsOf } from '@story-tracker/runtime';
import { Clock } from '../common/clock';
import { withTimeout } from '../common/with-timeout';
import { AlertBook, parseAlertId, publicAlert, type KeptAlert, type WatchRow } from './alert-book';
import { AlertFollower } from './alert-follower';
import { WatchesService } from './watches.service';
import { WEBHOOK_OUTBOX } from './webhook-outbox.provider';
import { sendWebhook, type SendResult } from './webhook-sender';
import { WebhookSettings, nextAttemptAt } from './webhook-settings';
import { signedHeaders } from './webhook-signature';
import { assertWebhookTarget } from './webhook-target';

/** How long an attempt waits for this instance's alert book to hold the alert it is about. */
const BOOK_WAIT_MS = 2000;

/**
 * Delivers webhooks from the outbox, on every instance. The alert follower hands each batch's alerts
 * of watches with a webhook to the outbox before it keeps them (so a crash repeats the hand-over,
 * which the outbox ignores the second time); here due rows are claimed with a lease, so one instance
 * makes each attempt, and sent concurrently: a receiver that hangs takes one of its watch's few slots
 * for at most the timeout, never the others'. Each attempt reads the alert from this instance's book
 * (a redaction's rewording reaches it), checks the host against WEBHOOK_ALLOWED_HOSTS again, signs
 * afresh and is recorded with what follows: delivered, retried with backoff, or given up.
 */
@Injectable()
export class WebhookDeliveries implements OnModuleInit, OnApplicationBootstrap, OnModuleDestroy {
  private readonly logger = new Logger('Webhooks');
  private readonly inFlight = new Set<Promise<void>>();
  private readonly allowedHosts: ReadonlySet<string>;
  private timer: NodeJS.Timeout | undefined;
  private looking: Promise<void> | undefined;
  private lookAgain = false;
  private stopped = true;
  private prunedAt = 0;

  constructor(
    @Inject(WEBHOOK_OUTBOX) private readonly outbox: WebhookOutbox,
    private readonly follower: AlertFollower,
    private readonly book: AlertBook,
    private readonly watches: WatchesService,
    private readonly settings: WebhookSettings,
    private readonly clock: Clock,
    config: AppConfig,
  ) {
    this.allowedHosts = webhookAllowedHostsOf(config);
  }

  onModuleInit(): void {
    this.follower.handOverBeforeKeeping((alerts, watches) => this.handOver(alerts, watches));
  }

  onApplicationBootstrap(): void {
    this.stopped = false;
    this.wake();
  }

  /** No new attempts; those under way finish (each within the timeout) and are recorded. */
  async onModuleDestroy(): Promise<void> {
    this.stopped = true;
    clearTimeout(this.timer);
    await this.looking;
    await Promise.allSettled([...this.inFlight]);
  }

  /** The batch's alerts of watches with a webhook, into the outbox: once, whoever hands them over. */
  private async handOver(alerts: readonly KeptAlert[], watches: ReadonlyMap<string, WatchRow>): Promise<void> {
    const now = this.now();
    const deliveries: NewWebhookDelivery[] = [];
    for (const alert of alerts) {
      const url = watches.get(alert.watchId)?.webhookUrl;
      // An alert older than the whole retry window (a read model rebuilt from the log, a new instance
      // catching up) was delivered or given up long ago, or came before webhooks did: it is not sent.
      if (!url || now - Date.parse(alert.at) > this.settings.giveUpAfterMs) continue;
      deliveries.push({ alertId: alert.id, watchId: alert.watchId, url, at: now });
    }
    if (deliveries.length === 0) return;
    await this.outbox.enqueue(deliveries);
    // The follower keeps the alerts right after this; an attempt waits for that (alertOf).
    setImmediate(() => this.wake());
  }

  /** Claims what is due, as far as there are free slots; then again after the poll interval. */
  private wake(): void {
    if (this.stopped) return;
    if (this.looking) {
      this.lookAgain = true;
      return;
    }
    clearTimeout(this.timer);
    this.looking = this.look().finally(() => {
      this.looking = undefined;
      if (this.stopped) return;
      if (this.lookAgain) this.wake();
      else this.timer = setTimeout(() => this.wake(), this.settings.pollIntervalMs).unref();
    });
  }

  private async look(): Promise<void> {
    do {
      this.lookAgain = false;
      const free = this.settings.maxInFlight - this.inFlight.size;
      if (free <= 0) return;
      let claimed: ClaimedWebhookDelivery[];
      try {
        claimed = await this.outbox.claim({ now: this.now(), limit: free, leaseMs: this.settings.leaseMs, perWatch: this.settings.maxInFlightPerWatch });
      } catch (error) {
        this.logger.warn({ err: error }, 'Could not look for due webhook deliveries; trying again at the next poll');
        return;
      }
      for (const claim of claimed) this.track(claim);
      // A full batch: there may be more due.
      if (claimed.length === free) this.lookAgain = true;
    } while (this.lookAgain && !this.stopped);
    await this.pruneNowAndThen();
  }

  private track(claim: ClaimedWebhookDelivery): void {
    const attempt = this.attempt(claim).catch((error: unknown) => {
      // The lease runs out and the row comes back (to any instance).
      this.logger.error({ err: error, alertId: claim.alertId, attempt: claim.attempt }, 'A webhook attempt could not be made or recorded; it is tried again once its lease runs out');
    });
    this.inFlight.add(attempt);
    void attempt.finally(() => {
      this.inFlight.delete(attempt);
      this.wake();
    });
  }

  private async attempt(claim: ClaimedWebhookDelivery): Promise<void> {
    const alert = await this.alertOf(claim.alertId);
    if (!alert) {
      // This instance's book is behind the one that handed it over: later, here or elsewhere.
      await this.outbox.release(claim, this.now() + this.settings.pollIntervalMs);
      return;
    }
    const watch = this.book.watchEver(claim.watchId);
    if (!watch || watch.deleted) {
      // Deleted (the instance that took the DELETE cancels too; this covers one that stopped first).
      await this.outbox.cancel(claim.watchId, this.now());
      return;
    }
    const at = this.now();
    const result = await this.send(claim, alert);
    const done = this.now();
    const next = result.delivered ? undefined : nextAttemptAt(this.settings, claim.attempt, claim.firstAttemptAt, done);
    const outcome: AttemptOutcome = result.delivered ? { next: 'delivered' } : next === undefined ? { next: 'failed' } : { next: 'retry', at: next };
    const kept = await this.outbox.record(claim, { at, ...(result.status !== undefined && { status: result.status }), ...(result.error !== undefined && { error: result.error }) }, outcome);
    this.log(claim, result, outcome, kept, done - at);
  }

  /** The alert as this instance's book has it now, once its follower has reached the alert's event. */
  private async alertOf(alertId: string): Promise<KeptAlert | undefined> {
    const position = parseAlertId(alertId)?.position;
    if (position !== undefined) await withTimeout(this.follower.reached(position), BOOK_WAIT_MS).catch(() => undefined);
    return this.book.alert(alertId);
  }

  private async send(claim: ClaimedWebhookDelivery, alert: KeptAlert): Promise<SendResult> {
    let url: URL;
    try {
      // Again at each attempt: the list may have changed since the watch was made. Nothing is sent,
      // and the attempt is retried as a failed one would be (the host may come back within the window).
      url = assertWebhookTarget(claim.url, this.allowedHosts);
    } catch {
      return { delivered: false, error: 'The host is not in WEBHOOK_ALLOWED_HOSTS any more: nothing was sent' };
    }
    const body = JSON.stringify(publicAlert(alert));
    return sendWebhook(url, signedHeaders(this.watches.secretOf(claim.watchId).bytes, alert.id, body, this.clock.now()), body, this.settings.timeoutMs);
  }

  /** Host only: a receiver's URL may hold a token of its own. Never the secret or the body. */
  private log(claim: ClaimedWebhookDelivery, result: SendResult, outcome: AttemptOutcome, kept: boolean, ms: number): void {
    const fields = { alertId: claim.alertId, watchId: claim.watchId, host: hostOf(claim.url), attempt: claim.attempt, status: result.status, ms };
    if (!kept) this.logger.log({ ...fields, error: result.error }, 'Webhook attempt made after its delivery was cancelled or taken over; kept in the attempts, nothing else changes');
    else if (outcome.next === 'delivered') this.logger.debug(fields, 'Webhook delivered');
    else if (outcome.next === 'retry') this.logger.log({ ...fields, error: result.error, nextAttemptAt: new Date(outcome.at).toISOString() }, 'Webhook attempt failed; it will be retried');
    else this.logger.warn({ ...fields, error: result.error }, 'Webhook given up: no attempt succeeded within the retry window');
  }

  private async pruneNowAndThen(): Promise<void> {
    const now = this.now();
    if (now - this.prunedAt < this.settings.pruneIntervalMs) return;
    this.prunedAt = now;
    try {
      const removed = await this.outbox.prune(now - this.settings.keepFinishedMs);
      if (removed > 0) this.logger.log({ removed }, 'Pruned finished webhook deliveries');
    } catch (error) {
      this.logger.warn({ err: error }, 'Could not prune finished webhook deliveries');
    }
  }

  private now(): number {
    return this.clock.now().getTime();
  }
}

function hostOf(url: string): string | undefined {
  try {
    return new URL(url).host;
  } catch {
    return undefined;
  }
}
