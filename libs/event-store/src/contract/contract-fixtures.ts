/// <reference types="jest" />
// The reference keeps this test-only folder type-checking under a tsconfig without jest types.
import type { EventStore, IdempotencyRecord, NewEvent, StoredEvent } from '../event-store.port';

/** What an adapter's spec file hands to the contract suite for each test. */
export interface EventStoreUnderTest {
  readonly store: EventStore;
  /**
   * For durable adapters: opens the same storage again after `store` was closed. The contract closes
   * whatever `reopen` returns; `cleanup` runs afterwards and may find `store` already closed.
   */
  readonly reopen?: () => Promise<EventStore>;
  /**
   * For adapters that many instances share: opens another instance on the same storage while `store`
   * is open (SQLite: another connection to the file; PostgreSQL: another pool). The contract closes it.
   */
  readonly another?: () => Promise<EventStore>;
  readonly cleanup: () => Promise<void>;
}

export type EventStoreContractFactory = () => Promise<EventStoreUnderTest>;

/** Gives each test a fresh store and cleans it up afterwards. */
export interface ContractSubject {
  readonly store: () => EventStore;
  readonly reopen: () => (() => Promise<EventStore>) | undefined;
  readonly another: () => (() => Promise<EventStore>) | undefined;
}

export function useFreshStore(factory: EventStoreContractFactory): ContractSubject {
  let current: EventStoreUnderTest | undefined;
  beforeEach(async () => {
    current = await factory();
  });
  afterEach(async () => {
    const finished = current;
    current = undefined;
    await finished?.cleanup();
  });
  return {
    store: () => {
      if (!current) throw new Error('The contract suite reached a store outside a test');
      return current.store;
    },
    reopen: () => current?.reopen,
    another: () => current?.another,
  };
}

export function anEvent(type: string, data: unknown = {}, metadata: Record<string, unknown> = {}): NewEvent {
  return { type, data, metadata: { actor: 'reporter-1', recordedAt: '2026-11-25T10:00:00.000Z', ...metadata } };
}

/** n events named Type1…Typen, so order is visible in the types. */
export function numberedEvents(count: number, from = 1): NewEvent[] {
  return Array.from({ length: count }, (_, index) => anEvent(`Numbered${from + index}`, { n: from + index }));
}

export function anIdempotencyRecord(overrides: Partial<IdempotencyRecord> = {}): IdempotencyRecord {
  return {
    scope: 'reporter-1',
    key: 'key-1',
    fingerprint: 'POST /stories 3f2a',
    status: 201,
    body: { storyId: 'story-1', revision: 1 },
    ...overrides,
  };
}

export async function collect(events: AsyncIterable<StoredEvent>): Promise<StoredEvent[]> {
  const collected: StoredEvent[] = [];
  for await (const event of events) collected.push(event);
  return collected;
}

export async function readStream(store: EventStore, streamId: string, from?: number, to?: number) {
  const range = { ...(from !== undefined && { fromRevision: from }), ...(to !== undefined && { toRevision: to }) };
  return collect(store.readStream(streamId, range));
}

export const revisionsOf = (events: readonly StoredEvent[]) => events.map((event) => event.revision);
export const positionsOf = (events: readonly StoredEvent[]) => events.map((event) => event.globalPosition);
