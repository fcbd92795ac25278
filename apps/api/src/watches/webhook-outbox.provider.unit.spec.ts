import { InMemoryEventStore, InMemoryWebhookOutbox, outboxOf, type EventStore } from '@story-tracker/event-store';
import { loadConfig } from '@story-tracker/runtime';
import { webhookOutboxProvider } from './webhook-outbox.provider';

const factory = (webhookOutboxProvider as { useFactory: (store: EventStore, config: ReturnType<typeof loadConfig>) => unknown }).useFactory;

describe('the webhook outbox the app uses', () => {
  it("is the store's own when it keeps one", () => {
    const store = new InMemoryEventStore();
    expect(factory(store, loadConfig({ EVENT_STORE: 'memory' }))).toBe(outboxOf(store));
  });

  it('is held in memory, with a warning, for a store that keeps none (KurrentDB)', () => {
    const withoutOutbox = Object.create(new InMemoryEventStore(), { webhookOutbox: { value: undefined } }) as EventStore;
    expect(outboxOf(withoutOutbox)).toBeUndefined();
    expect(factory(withoutOutbox, loadConfig({ EVENT_STORE: 'memory' }))).toBeInstanceOf(InMemoryWebhookOutbox);
  });
});
