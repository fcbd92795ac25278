import { Inject, Injectable, Logger, type OnApplicationBootstrap, type OnModuleDestroy } from '@nestjs/common';
import { subscribeToAll, type AllSubscription, type EventStore, type StoredEvent, type Unsubscribe } from '@story-tracker/event-store';
import { EVENT_STORE } from '@story-tracker/runtime';

/** Where live events come from: every committed event, once, in global order. */
export interface CommittedEventSource {
  onEvents(listener: (events: readonly StoredEvent[]) => void): Unsubscribe;
}

/**
 * One subscription to the store per process, shared by every live client: what any instance commits
 * (not only this one) reaches each stream, in global order, once. It starts at the store's head when
 * the app starts; a client that resumes from an earlier position reads that part from the store.
 */
@Injectable()
export class LiveEventHub implements CommittedEventSource, OnApplicationBootstrap, OnModuleDestroy {
  private readonly logger = new Logger('LiveEventHub');
  private readonly listeners = new Set<(events: readonly StoredEvent[]) => void>();
  private subscription: AllSubscription | undefined;

  constructor(@Inject(EVENT_STORE) private readonly store: EventStore) {}

  async onApplicationBootstrap(): Promise<void> {
    this.subscription = subscribeToAll(this.store, {
      afterPosition: await this.store.headPosition(),
      onEvents: (events) => {
        for (const listener of [...this.listeners]) {
          try {
            listener(events);
          } catch (error) {
            // One client's failure must not hold back the others, nor replay the batch to them.
            this.logger.error({ err: error }, 'A live client failed on an update');
          }
        }
      },
      onError: (error) => this.logger.warn({ err: error }, 'Following the event store failed; retrying'),
    });
  }

  async onModuleDestroy(): Promise<void> {
    await this.subscription?.close();
  }

  onEvents(listener: (events: readonly StoredEvent[]) => void): Unsubscribe {
    const subscription = (events: readonly StoredEvent[]) => listener(events);
    this.listeners.add(subscription);
    return () => this.listeners.delete(subscription);
  }
}
