import { Inject, Injectable, Logger } from '@nestjs/common';
import { ALERT_KINDS, DEFAULT_ESTIMATE_THRESHOLD_PERCENT, DomainError, storyStreamName, watchStreamName, type WatchCreatedData } from '@story-tracker/domain';
import { IdempotencyKeyTakenError, WrongExpectedRevisionError, type EventStore, type WebhookOutbox } from '@story-tracker/event-store';
import type { WriteContext } from '../stories/commands/execute-story-command.command';
import { AppConfig, EVENT_STORE, webhookAllowedHostsOf } from '@story-tracker/runtime';
import type { LogSigningKey } from '@story-tracker/verifiable-log';
import { IdGenerator, Clock } from '../common/clock';
import { ApiError } from '../errors/api-error';
import { LOG_SIGNING_KEY } from '../log/log-signing-key.provider';
import { AlertBook, type WatchRow } from './alert-book';
import { AlertFollower } from './alert-follower';
import type { CreateWatchDto } from './watch.dto';
import { WEBHOOK_OUTBOX } from './webhook-outbox.provider';
import { assertWebhookTarget } from './webhook-target';
import { webhookSecretOf } from './webhook-secret';

export interface WatchView {
  readonly id: string;
  readonly storyId: string;
  readonly on: readonly string[];
  readonly estimateThresholdPercent: number;
  readonly webhook?: { readonly url: string; readonly secret?: string };
}

/**
 * Watches are events of their own streams (`WatchCreated`, `WatchDeleted`), written with the actor of
 * the token, so every instance learns of them from the log; the alert book is their read model. An
 * answer waits until this instance's alert follower has the change, so the owner reads it at once.
 */
@Injectable()
export class WatchesService {
  constructor(
    @Inject(EVENT_STORE) private readonly store: EventStore,
    @Inject(LOG_SIGNING_KEY) private readonly installationKey: LogSigningKey,
    private readonly book: AlertBook,
    private readonly follower: AlertFollower,
    private readonly config: AppConfig,
    private readonly ids: IdGenerator,
    private readonly clock: Clock,
    @Inject(WEBHOOK_OUTBOX) private readonly outbox: WebhookOutbox,
  ) {}

  /**
   * Records the watch. With an Idempotency-Key, a retry gets the first answer again (once recorded,
   * without the secret: it is shown only once) and no second watch.
   */
  async create(actor: string, input: CreateWatchDto, context: WriteContext): Promise<{ view: WatchView; replayed: boolean }> {
    const kept = await this.keptAnswer(actor, context);
    if (kept) return { view: kept, replayed: true };
    if (input.webhook) assertWebhookTarget(input.webhook.url, webhookAllowedHostsOf(this.config));
    if ((await this.store.streamRevision(storyStreamName(input.storyId))) === 0) throw new DomainError('StoryNotFound', `No story ${input.storyId} to watch`);
    const data: WatchCreatedData = {
      watchId: this.ids.next(),
      storyId: input.storyId,
      on: input.on ?? [...ALERT_KINDS],
      estimateThresholdPercent: input.estimateThresholdPercent ?? DEFAULT_ESTIMATE_THRESHOLD_PERCENT,
      ...(input.webhook && { webhook: { url: input.webhook.url } }),
    };
    const view = viewOf({ ...data, id: data.watchId });
    let positions: readonly number[];
    try {
      ({ positions } = await this.store.append(watchStreamName(data.watchId), [{ type: 'WatchCreated', data, metadata: this.metadata(actor, context.requestId) }], {
        expectedRevision: 0,
        ...(context.idempotency && { idempotency: { scope: actor, ...context.idempotency, status: 201, body: view } }),
      }));
    } catch (error) {
      if (error instanceof IdempotencyKeyTakenError) return { view: (await this.keptAnswer(actor, context))!, replayed: true };
      throw error;
    }
    await this.follower.reached(positions.at(-1)!);
    return { view: { ...view, ...(data.webhook && { webhook: { url: data.webhook.url, secret: this.secretOf(data.watchId).text } }) }, replayed: false };
  }

  private async keptAnswer(actor: string, context: WriteContext): Promise<WatchView | undefined> {
    if (!context.idempotency) return undefined;
    const kept = await this.store.findIdempotency(actor, context.idempotency.key);
    if (!kept) return undefined;
    if (kept.fingerprint !== context.idempotency.fingerprint) throw new ApiError('IdempotencyKeyReused', `Idempotency-Key ${context.idempotency.key} was already used for another request`);
    return kept.body as WatchView;
  }

  list(actor: string): WatchView[] {
    return this.book.watchesOf(actor).map((watch) => viewOf({ ...watch, webhook: watch.webhookUrl ? { url: watch.webhookUrl } : undefined }));
  }

  /** The caller's own watch; another actor's is as unknown as one that never was. */
  owned(actor: string, watchId: string): WatchRow {
    const watch = this.book.watch(watchId);
    if (!watch || watch.actor !== actor) throw new ApiError('WatchNotFound', `You have no watch ${watchId}`);
    return watch;
  }

  async delete(actor: string, watchId: string, requestId: string): Promise<void> {
    this.owned(actor, watchId);
    let positions: readonly number[];
    try {
      ({ positions } = await this.store.append(watchStreamName(watchId), [{ type: 'WatchDeleted', data: { watchId }, metadata: this.metadata(actor, requestId) }], { expectedRevision: 1 }));
    } catch (error) {
      // Deleted a moment ago, here or on another instance.
      if (error instanceof WrongExpectedRevisionError) throw new ApiError('WatchNotFound', `You have no watch ${watchId}`);
      throw error;
    }
    await this.follower.reached(positions.at(-1)!);
    // Its pending deliveries go with it (an attempt under way finishes). Should this fail, every
    // instance's delivery worker cancels them when it next finds the watch deleted.
    await this.outbox.cancel(watchId, this.clock.now().getTime()).catch((error: unknown) => {
      new Logger('Webhooks').warn({ err: error, watchId }, 'Could not cancel the pending deliveries of the deleted watch now; they are cancelled when next due');
    });
  }

  /** The webhook secret of a watch: derived again whenever it is needed, never kept. */
  secretOf(watchId: string) {
    return webhookSecretOf(this.installationKey.secretBytes(), watchId);
  }

  private metadata(actor: string, requestId: string) {
    return { actor, recordedAt: this.clock.now().toISOString(), correlationId: requestId };
  }
}

function viewOf(watch: { id: string; storyId: string; on: readonly string[]; estimateThresholdPercent: number; webhook?: { url: string } | undefined }): WatchView {
  return { id: watch.id, storyId: watch.storyId, on: watch.on, estimateThresholdPercent: watch.estimateThresholdPercent, ...(watch.webhook && { webhook: { url: watch.webhook.url } }) };
}
