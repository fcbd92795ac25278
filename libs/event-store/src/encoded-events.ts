import type { EncodedStoredEvent, EventStore, StoredEvent } from './event-store.port';

/** A stored event with its data and metadata written back as JSON text. */
export function encodeStoredEvent(event: StoredEvent): EncodedStoredEvent {
  return { ...event, data: JSON.stringify(event.data), metadata: JSON.stringify(event.metadata) };
}

/** `readAll` without parsing, from the store's own text where it keeps it (SQLite), else re-encoded. */
export async function readAllEncoded(store: EventStore, afterPosition: number, limit: number): Promise<EncodedStoredEvent[]> {
  if (store.readAllEncoded) return store.readAllEncoded(afterPosition, limit);
  return (await store.readAll(afterPosition, limit)).map(encodeStoredEvent);
}
