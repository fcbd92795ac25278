import { Logger, type Provider } from '@nestjs/common';
import { InMemoryWebhookOutbox, outboxOf, type EventStore, type WebhookOutbox } from '@story-tracker/event-store';
import { AppConfig, EVENT_STORE } from '@story-tracker/runtime';

export const WEBHOOK_OUTBOX = Symbol('WebhookOutbox');

/**
 * The webhook outbox in the store's own database (SQLite file, PostgreSQL), closed with the store.
 * KurrentDB has no table for it: the outbox is then held in memory, and the start says what that
 * costs (deliveries pending at a stop are lost, and each instance delivers every alert itself).
 */
export const webhookOutboxProvider: Provider = {
  provide: WEBHOOK_OUTBOX,
  inject: [EVENT_STORE, AppConfig],
  useFactory: (store: EventStore, config: AppConfig): WebhookOutbox => {
    const outbox = outboxOf(store);
    if (outbox) return outbox;
    new Logger('Webhooks').warn(
      { eventStore: config.EVENT_STORE },
      'This event store keeps no webhook outbox: deliveries are held in memory, lost if the process stops before they are made, and made by every instance (run one instance, or another store, for at-most-one-instance delivery)',
    );
    return new InMemoryWebhookOutbox();
  },
};
