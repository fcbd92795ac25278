import type { EventStore } from '@story-tracker/event-store';

/**
 * The real store, counting the events its `readStream` hands out: how far back a fold started, or
 * whether something was read at all, is seen there. Everything else is the store's own.
 */
export function countingReads<Store extends EventStore>(store: Store): { store: Store; read: () => number } {
  let read = 0;
  const wrapped = Object.create(store, {
    readStream: {
      value: async function* (...args: Parameters<EventStore['readStream']>) {
        for await (const event of store.readStream(...args)) {
          read += 1;
          yield event;
        }
      },
    },
  }) as Store;
  return { store: wrapped, read: () => read };
}
