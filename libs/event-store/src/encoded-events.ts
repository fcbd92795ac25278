import type { EncodedStoredEvent, EventStore, RevisionRange, StoredEvent } from './event-store.port';

/** A stored event with its data and metadata written back as JSON text. */
export function encodeStoredEvent(event: StoredEvent): EncodedStoredEvent {
  return { ...event, data: JSON.stringify(event.data), metadata: JSON.stringify(event.metadata) };
}

/** A stored event with its data and metadata parsed from their JSON text. */
export function decodeStoredEvent(event: EncodedStoredEvent): StoredEvent {
  return {
    streamId: event.streamId,
    revision: event.revision,
    globalPosition: event.globalPosition,
    type: event.type,
    data: JSON.parse(event.data) as unknown,
    metadata: JSON.parse(event.metadata) as Record<string, unknown>,
    hash: event.hash,
    previousHash: event.previousHash,
  };
}

/** `readAll` without parsing, from the store's own text where it keeps it (SQLite), else re-encoded. */
export async function readAllEncoded(store: EventStore, afterPosition: number, limit: number): Promise<EncodedStoredEvent[]> {
  if (store.readAllEncoded) return store.readAllEncoded(afterPosition, limit);
  return (await store.readAll(afterPosition, limit)).map(encodeStoredEvent);
}

/** A run of a stream's events, parsed, with their stored text where the store keeps it. */
export interface StreamPage {
  readonly events: readonly StoredEvent[];
  readonly encoded?: readonly EncodedStoredEvent[];
}

/**
 * `readStream` in runs of events, for work that goes by runs (the chain checked on another thread):
 * the store's own pages with their text where it keeps it, else runs of `size` read one by one.
 */
export async function* readStreamPages(store: EventStore, streamId: string, range: RevisionRange, size: number): AsyncIterable<StreamPage> {
  if (store.readStreamEncodedPages) {
    for await (const encoded of store.readStreamEncodedPages(streamId, range)) yield { events: encoded.map(decodeStoredEvent), encoded };
    return;
  }
  let events: StoredEvent[] = [];
  for await (const event of store.readStream(streamId, range)) {
    events.push(event);
    if (events.length < size) continue;
    yield { events };
    events = [];
  }
  if (events.length > 0) yield { events };
}
