import { Inject, Injectable, Logger, type OnApplicationBootstrap, type OnModuleDestroy } from '@nestjs/common';
import {
  describeEvent,
  materialChange,
  storyDecider,
  STORY_STREAM_PREFIX,
  storyIdOfStream,
  toRecordedStoryEvent,
  WATCH_STREAM_PREFIX,
  type AlertKind,
  type StoryState,
  type WatchCreatedData,
} from '@story-tracker/domain';
import { subscribeToAll, type AllSubscription, type EventStore, type StoredEvent } from '@story-tracker/event-store';
import { EVENT_STORE } from '@story-tracker/runtime';
import { withTimeout } from '../common/with-timeout';
import { StoryCopies, type StoryCopyKeeper } from '../story-loader/story-copies';
import { StoryLoader } from '../story-loader/story-loader.service';
import { AlertBook, alertIdOf, type KeptAlert, type WatchRow } from './alert-book';

/** How long a redaction waits for the alerts of what is committed before it rewords them. */
const CATCH_UP_MS = 2000;
/**
 * How long appends gather before they are looked at for alerts: no write's answer waits for them, and
 * each batch is a read-model transaction; a reporter does not see 20 ms.
 */
const ALERT_GATHER_MS = 20;

/** Told of the alerts a batch raised, once they are kept (live streams, webhook deliveries). */
export type AlertListener = (alerts: readonly KeptAlert[]) => void;

/**
 * Raises alerts, following the store's own subscription from the alert book's checkpoint: every
 * instance reads the same events in the same order and keeps the same alerts under the same ids, and
 * the checkpoint is saved with the alerts, so a restart neither loses nor repeats one. Watches come
 * from the same log (their own streams), so whether a watch saw an event is a matter of positions.
 *
 * For each event of a watched story, the state just before it (from the story loader the first time,
 * then folded here) and just after it decide, per watch, the one alert it raises (materialChange),
 * described in the story's own words (describeEvent).
 */
@Injectable()
export class AlertFollower implements OnApplicationBootstrap, OnModuleDestroy, StoryCopyKeeper {
  private readonly logger = new Logger('Alerts');
  private subscription: AllSubscription | undefined;
  private readonly listeners = new Set<AlertListener>();
  /** The watched stories' states, as of the last event applied. */
  private readonly states = new Map<string, StoryState>();
  private beforeCommit: ((alerts: readonly KeptAlert[], watches: ReadonlyMap<string, WatchRow>) => Promise<void>) | undefined;

  constructor(
    @Inject(EVENT_STORE) private readonly store: EventStore,
    private readonly book: AlertBook,
    private readonly stories: StoryLoader,
    copies: StoryCopies,
  ) {
    copies.keep(this);
  }

  /**
   * A redaction on this instance, once the values are erased from the store: the story's state kept
   * here goes, and its alerts, those of every event committed so far, are worded again, so that the
   * redaction is answered with no alert (nor any page of the read-model file) holding the values.
   * The `DevelopmentRedacted` event words them again when it arrives (on every instance).
   */
  async forgetStory(storyId: string): Promise<void> {
    this.states.delete(storyId);
    await this.caughtUp(CATCH_UP_MS);
    // A batch under way may have kept a state folded before the erase.
    this.states.delete(storyId);
    await this.reword(storyId);
  }

  async onApplicationBootstrap(): Promise<void> {
    this.subscription = subscribeToAll(this.store, {
      afterPosition: this.book.checkpoint(),
      gatherMs: ALERT_GATHER_MS,
      onEvents: (events) => this.apply(events),
      onError: (error) => this.logger.error({ err: error }, 'Raising alerts failed; the same events are tried again'),
    });
  }

  async onModuleDestroy(): Promise<void> {
    await this.subscription?.close();
  }

  /** Resolves once everything up to `position` has been through (a new watch sees what comes after it). */
  async reached(position: number): Promise<void> {
    await this.subscription?.reached(position);
  }

  /** Resolves once the events committed until now have raised their alerts, or after `ms` at most. */
  async caughtUp(ms: number): Promise<void> {
    const head = await withTimeout(this.store.headPosition(), ms).catch(() => undefined);
    if (head !== undefined) await withTimeout(this.reached(head), ms).catch(() => undefined);
  }

  onAlerts(listener: AlertListener): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  /**
   * Called with a batch's alerts (and the watches they belong to) before they are kept: the webhook
   * outbox takes them there, in the store's database, so that a crash between the two repeats the
   * handing over (which the outbox ignores the second time) rather than losing it.
   */
  handOverBeforeKeeping(handover: (alerts: readonly KeptAlert[], watches: ReadonlyMap<string, WatchRow>) => Promise<void>): void {
    this.beforeCommit = handover;
  }

  private async apply(events: readonly StoredEvent[]): Promise<void> {
    const from = this.book.checkpoint();
    const fresh = events.filter((event) => event.globalPosition > from);
    if (fresh.length === 0) return;
    const watches = new Map(this.book.liveWatches().map((watch) => [watch.id, watch]));
    const created: WatchRow[] = [];
    const deleted: { watchId: string; position: number }[] = [];
    const alerts: KeptAlert[] = [];
    for (const event of fresh) {
      if (event.streamId.startsWith(WATCH_STREAM_PREFIX)) this.noteWatch(event, watches, created, deleted);
      else if (event.streamId.startsWith(STORY_STREAM_PREFIX)) alerts.push(...(await this.alertsFor(event, watches)));
    }
    if (alerts.length > 0 && this.beforeCommit) await this.beforeCommit(alerts, watches);
    this.book.transaction(() => {
      // Another instance on the same DATA_DIR may have kept this batch already: ids make that harmless.
      for (const watch of created) this.book.addWatch(watch);
      for (const { watchId, position } of deleted) this.book.deleteWatch(watchId, position);
      for (const alert of alerts) this.book.addAlert(alert);
      this.book.saveCheckpoint(Math.max(this.book.checkpoint(), fresh.at(-1)!.globalPosition));
    });
    if (alerts.length > 0) for (const listener of [...this.listeners]) listener(alerts);
  }

  private noteWatch(event: StoredEvent, watches: Map<string, WatchRow>, created: WatchRow[], deleted: { watchId: string; position: number }[]): void {
    if (event.type === 'WatchCreated') {
      const data = event.data as WatchCreatedData;
      const watch: WatchRow = {
        id: data.watchId,
        actor: String(event.metadata['actor']),
        storyId: data.storyId,
        on: data.on,
        estimateThresholdPercent: data.estimateThresholdPercent,
        webhookUrl: data.webhook?.url ?? null,
        createdPosition: event.globalPosition,
        createdAt: String(event.metadata['recordedAt']),
      };
      watches.set(watch.id, watch);
      created.push(watch);
    } else if (event.type === 'WatchDeleted') {
      const { watchId } = event.data as { watchId: string };
      watches.delete(watchId);
      deleted.push({ watchId, position: event.globalPosition });
    }
  }

  private async alertsFor(event: StoredEvent, watches: ReadonlyMap<string, WatchRow>): Promise<KeptAlert[]> {
    const storyId = storyIdOfStream(event.streamId);
    const watching = [...watches.values()].filter((watch) => watch.storyId === storyId && watch.createdPosition < event.globalPosition);
    if (watching.length === 0) {
      this.states.delete(storyId);
      return [];
    }
    const before = await this.stateBefore(storyId, event.revision);
    const recorded = toRecordedStoryEvent(event);
    const after = storyDecider.evolve(before, recorded);
    this.states.set(storyId, after);
    // A redaction changes the words of the story's earlier alerts too (their values are gone).
    if (event.type === 'DevelopmentRedacted') await this.reword(storyId);
    const alerts: KeptAlert[] = [];
    let description: string | undefined;
    for (const watch of watching) {
      const kind: AlertKind | undefined = materialChange(recorded, before, after, { on: new Set(watch.on), estimateThresholdPercent: watch.estimateThresholdPercent });
      if (!kind) continue;
      description ??= describeEvent(recorded, before);
      alerts.push({
        id: alertIdOf(event.globalPosition, watch.id),
        position: event.globalPosition,
        watchId: watch.id,
        actor: watch.actor,
        storyId,
        revision: event.revision,
        kind,
        description,
        at: String(event.metadata['recordedAt']),
      });
    }
    return alerts;
  }

  private async stateBefore(storyId: string, revision: number): Promise<StoryState> {
    const known = this.states.get(storyId);
    if (known && known.revision === revision - 1) return known;
    return revision === 1 ? storyDecider.initialState : this.stories.stateAt(storyId, revision - 1);
  }

  /**
   * Each kept alert of the story described again from the events as they now are, in one fold from
   * the first alerted revision to the last (a redaction on this instance now waits for it: one state
   * at a revision per alert made it a fold per alert), written in one transaction; then the pages that
   * held the old words leave the read-model file's WAL (the database zeroes what it overwrites).
   */
  private async reword(storyId: string): Promise<void> {
    // States kept from before the redaction still hold the values: fold from the erased events.
    await this.stories.forget(storyId);
    const byRevision = new Map<number, KeptAlert[]>();
    for (const alert of this.book.alertsOfStory(storyId)) byRevision.set(alert.revision, [...(byRevision.get(alert.revision) ?? []), alert]);
    if (byRevision.size === 0) return;
    const revisions = [...byRevision.keys()];
    const [first, last] = [Math.min(...revisions), Math.max(...revisions)];
    const words: { id: string; description: string }[] = [];
    let before = first === 1 ? storyDecider.initialState : await this.stories.stateAt(storyId, first - 1);
    for await (const event of this.stories.events(storyId, first, last)) {
      const alerted = byRevision.get(event.revision);
      if (alerted) {
        const description = describeEvent(event, before);
        for (const alert of alerted) words.push({ id: alert.id, description });
      }
      before = storyDecider.evolve(before, event);
    }
    this.book.transaction(() => words.forEach(({ id, description }) => this.book.reword(id, description)));
    await this.book.emptyWal();
  }
}
