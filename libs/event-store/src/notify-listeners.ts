import type { CommitWakeUp, StoredEvent } from './event-store.port';

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

type AppendListener = (events: readonly StoredEvent[]) => void;

/** The in-process listeners of one adapter: `onAppended`, and the own-appends half of `onCommitted`. */
export class AppendListeners {
  private readonly listeners = new Set<AppendListener>();

  subscribe(listener: AppendListener): () => void {
    // A wrapper per subscription, so subscribing the same function twice gives two subscriptions.
    const subscription: AppendListener = (events) => listener(events);
    this.listeners.add(subscription);
    return () => this.listeners.delete(subscription);
  }

  /** After a commit: tells everyone subscribed (nothing for an append that added no event). */
  notify(events: readonly StoredEvent[]): void {
    if (events.length > 0) notifyListeners(this.listeners, events);
  }

  /** `onCommitted`: this instance's appends at once, and what `others` hears of other processes' commits. */
  committed(listener: CommitWakeUp, others?: (listener: CommitWakeUp) => () => void): () => void {
    const own = this.subscribe((events) => listener(events[events.length - 1]!.globalPosition));
    const outside = others?.(listener);
    return () => {
      own();
      outside?.();
    };
  }

  clear(): void {
    this.listeners.clear();
  }
}
