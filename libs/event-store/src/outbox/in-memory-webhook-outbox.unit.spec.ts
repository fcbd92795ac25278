import { describeWebhookOutboxContract } from '../contract';
import { InMemoryEventStore } from '../in-memory/in-memory-event-store';
import { outboxOf } from './outbox-of';

describeWebhookOutboxContract('InMemoryWebhookOutbox', async () => {
  const store = new InMemoryEventStore();
  return { outbox: outboxOf(store)!, cleanup: () => store.close() };
});
