import { Inject, Injectable, Logger, type OnApplicationBootstrap, type OnModuleDestroy } from '@nestjs/common';
import { STORY_STREAM_PREFIX, storyIdOfStream } from '@story-tracker/domain';
import { subscribeToAll, type AllSubscription, type EventStore } from '@story-tracker/event-store';
import { EVENT_STORE } from '@story-tracker/runtime';
import { StoryCopies } from '../../story-loader/story-copies';

/**
 * Whichever instance redacted, every instance drops what it keeps of that story (StoryCopies: states at
 * every checkpoint, documents by revision, live descriptions, alerts' words) when the
 * `DevelopmentRedacted` event reaches it: those copies were made from the values before they were erased.
 */
@Injectable()
export class RedactionFollower implements OnApplicationBootstrap, OnModuleDestroy {
  private readonly logger = new Logger('Redaction');
  private subscription: AllSubscription | undefined;

  constructor(
    @Inject(EVENT_STORE) private readonly store: EventStore,
    private readonly copies: StoryCopies,
  ) {}

  async onApplicationBootstrap(): Promise<void> {
    this.subscription = subscribeToAll(this.store, {
      afterPosition: await this.store.headPosition(),
      onEvents: (events) => {
        for (const event of events) {
          if (event.type !== 'DevelopmentRedacted') continue;
          if (!event.streamId.startsWith(STORY_STREAM_PREFIX)) continue;
          const storyId = storyIdOfStream(event.streamId);
          this.copies.forget(storyId).catch((error: unknown) => this.logger.warn({ err: error }, `Could not forget what this instance keeps of ${storyId} after a redaction`));
        }
      },
      onError: (error) => this.logger.warn({ err: error }, 'Following the event store for redactions failed; retrying'),
    });
  }

  async onModuleDestroy(): Promise<void> {
    await this.subscription?.close();
  }
}
