import type { StoredEvent } from './event-store.port';

/**
 * Tells in-process listeners about events that are already committed. A listener that throws is
 * ignored on purpose: the append is durable by now, so failing it would tell the caller a lie, and
 * rethrowing later would crash the process over a hint. Listeners are only hints (a live feed, a
 * wake-up for a projection runner); anything that must not miss an event reads `readAll` from its
 * own checkpoint instead.
 */
export function notifyListeners(
  listeners: Iterable<(events: readonly StoredEvent[]) => void>,
  events: readonly StoredEvent[],
): void {
  // A copy of the set, so a listener that unsubscribes (or subscribes) while being called does not
  // change who hears about this append.
  for (const listener of [...listeners]) {
    try {
      listener(events);
    } catch {
      // Deliberately ignored; see above.
    }
  }
}
