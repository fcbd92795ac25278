import type { EventStore } from '../event-store.port';
import type { WebhookOutbox } from './webhook-outbox.port';

/**
 * The webhook outbox kept in an event store's own database (its `webhookOutbox`), or undefined for a
 * store that has none (KurrentDB): the caller then decides what to do without one, and says so.
 */
export function outboxOf(store: EventStore): WebhookOutbox | undefined {
  const outbox = (store as EventStore & { readonly webhookOutbox?: unknown }).webhookOutbox;
  return isOutbox(outbox) ? outbox : undefined;
}

function isOutbox(value: unknown): value is WebhookOutbox {
  if (typeof value !== 'object' || value === null) return false;
  const candidate = value as Record<string, unknown>;
  return ['enqueue', 'claim', 'record', 'release', 'cancel', 'attempts', 'status', 'prune'].every((name) => typeof candidate[name] === 'function');
}
