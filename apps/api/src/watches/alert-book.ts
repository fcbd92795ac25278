import type Database from 'better-sqlite3';
import type { AlertKind } from '@story-tracker/domain';
import { emptyWal } from '@story-tracker/event-store';

const SCHEMA = `
  CREATE TABLE IF NOT EXISTS watches (
    id               TEXT    PRIMARY KEY,
    actor            TEXT    NOT NULL,
    story_id         TEXT    NOT NULL,
    kinds            TEXT    NOT NULL,
    threshold        REAL    NOT NULL,
    webhook_url      TEXT,
    -- The global position of WatchCreated: the watch sees the events after it.
    created_position INTEGER NOT NULL,
    created_at       TEXT    NOT NULL,
    deleted_position INTEGER
  );
  CREATE INDEX IF NOT EXISTS watches_by_actor ON watches (actor);
  CREATE TABLE IF NOT EXISTS alerts (
    id          TEXT    PRIMARY KEY,
    position    INTEGER NOT NULL,
    watch_id    TEXT    NOT NULL,
    actor       TEXT    NOT NULL,
    story_id    TEXT    NOT NULL,
    revision    INTEGER NOT NULL,
    kind        TEXT    NOT NULL,
    description TEXT    NOT NULL,
    at          TEXT    NOT NULL
  );
  CREATE INDEX IF NOT EXISTS alerts_by_actor ON alerts (actor, position, watch_id);
  CREATE INDEX IF NOT EXISTS alerts_by_story ON alerts (story_id);
  CREATE TABLE IF NOT EXISTS alerts_checkpoint (
    singleton INTEGER PRIMARY KEY CHECK (singleton = 1),
    position  INTEGER NOT NULL
  );
`;

export interface WatchRow {
  readonly id: string;
  readonly actor: string;
  readonly storyId: string;
  readonly on: readonly AlertKind[];
  readonly estimateThresholdPercent: number;
  readonly webhookUrl: string | null;
  readonly createdPosition: number;
  readonly createdAt: string;
}

export interface Alert {
  readonly id: string;
  readonly watchId: string;
  readonly storyId: string;
  readonly revision: number;
  readonly kind: AlertKind;
  readonly description: string;
  readonly at: string;
}

/** An alert as kept: with the position of the event that raised it and the watch's owner. */
export interface KeptAlert extends Alert {
  readonly position: number;
  readonly actor: string;
}

/**
 * An alert's id says where it stands in the log: the event's global position and the watch, so every
 * instance that follows the store gives the same alert the same id, and ids sort in the log's order.
 */
export function alertIdOf(position: number, watchId: string): string {
  return `${position}-${watchId}`;
}

export function parseAlertId(id: string): { position: number; watchId: string } | undefined {
  const match = /^(0|[1-9][0-9]{0,14})-([0-9A-Z]{26})$/.exec(id);
  return match ? { position: Number(match[1]), watchId: match[2]! } : undefined;
}

/**
 * Watches and alerts, a read model in the read-model database built from the log by AlertFollower,
 * with its checkpoint in the same transaction as its rows: a restart neither loses nor repeats one.
 */
export class AlertBook {
  private readonly statements;

  constructor(private readonly db: Database.Database) {
    db.exec(SCHEMA);
    this.statements = {
      checkpoint: db.prepare<[], { position: number }>('SELECT position FROM alerts_checkpoint WHERE singleton = 1'),
      saveCheckpoint: db.prepare<[number]>('INSERT INTO alerts_checkpoint (singleton, position) VALUES (1, ?) ON CONFLICT (singleton) DO UPDATE SET position = excluded.position'),
      addWatch: db.prepare(
        `INSERT INTO watches (id, actor, story_id, kinds, threshold, webhook_url, created_position, created_at)
         VALUES (@id, @actor, @storyId, @kinds, @threshold, @webhookUrl, @createdPosition, @createdAt) ON CONFLICT (id) DO NOTHING`,
      ),
      deleteWatch: db.prepare<[number, string]>('UPDATE watches SET deleted_position = ? WHERE id = ? AND deleted_position IS NULL'),
      liveWatches: db.prepare<[], WatchRecord>('SELECT * FROM watches WHERE deleted_position IS NULL'),
      watchesOf: db.prepare<[string], WatchRecord>('SELECT * FROM watches WHERE actor = ? AND deleted_position IS NULL ORDER BY created_position'),
      watch: db.prepare<[string], WatchRecord>('SELECT * FROM watches WHERE id = ? AND deleted_position IS NULL'),
      watchEver: db.prepare<[string], WatchRecord & { deleted_position: number | null }>('SELECT * FROM watches WHERE id = ?'),
      alert: db.prepare<[string], AlertRecord>('SELECT * FROM alerts WHERE id = ?'),
      addAlert: db.prepare(
        `INSERT INTO alerts (id, position, watch_id, actor, story_id, revision, kind, description, at)
         VALUES (@id, @position, @watchId, @actor, @storyId, @revision, @kind, @description, @at) ON CONFLICT (id) DO NOTHING`,
      ),
      alertsAfter: db.prepare<[string, number, number, string, number], AlertRecord>(
        'SELECT * FROM alerts WHERE actor = ? AND (position > ? OR (position = ? AND watch_id > ?)) ORDER BY position, watch_id LIMIT ?',
      ),
      alertsOfStory: db.prepare<[string], AlertRecord>('SELECT * FROM alerts WHERE story_id = ?'),
      rewordAlert: db.prepare<[string, string]>('UPDATE alerts SET description = ? WHERE id = ?'),
    };
  }

  checkpoint(): number {
    return this.statements.checkpoint.get()?.position ?? 0;
  }

  /** Runs `work` in one write transaction (IMMEDIATE: another instance on the same DATA_DIR waits). */
  transaction<T>(work: () => T): T {
    return this.db.transaction(work).immediate();
  }

  saveCheckpoint(position: number): void {
    this.statements.saveCheckpoint.run(position);
  }

  addWatch(watch: WatchRow): void {
    this.statements.addWatch.run({ ...watch, kinds: JSON.stringify(watch.on), threshold: watch.estimateThresholdPercent });
  }

  deleteWatch(watchId: string, position: number): void {
    this.statements.deleteWatch.run(position, watchId);
  }

  liveWatches(): WatchRow[] {
    return this.statements.liveWatches.all().map(toWatch);
  }

  watchesOf(actor: string): WatchRow[] {
    return this.statements.watchesOf.all(actor).map(toWatch);
  }

  watch(watchId: string): WatchRow | undefined {
    const row = this.statements.watch.get(watchId);
    return row && toWatch(row);
  }

  /** A watch, deleted or not (its past alerts and deliveries stay its owner's to read). */
  watchEver(watchId: string): (WatchRow & { readonly deleted: boolean }) | undefined {
    const row = this.statements.watchEver.get(watchId);
    return row && { ...toWatch(row), deleted: row.deleted_position !== null };
  }

  alert(alertId: string): KeptAlert | undefined {
    const row = this.statements.alert.get(alertId);
    return row && toAlert(row);
  }

  addAlert(alert: KeptAlert): void {
    this.statements.addAlert.run(alert);
  }

  /** The actor's alerts after `after` (none: from the first), oldest first. */
  alertsAfter(actor: string, after: { position: number; watchId: string } | undefined, limit: number): KeptAlert[] {
    const { position, watchId } = after ?? { position: 0, watchId: '' };
    return this.statements.alertsAfter.all(actor, position, position, watchId, limit).map(toAlert);
  }

  alertsOfStory(storyId: string): KeptAlert[] {
    return this.statements.alertsOfStory.all(storyId).map(toAlert);
  }

  reword(alertId: string, description: string): void {
    this.statements.rewordAlert.run(description, alertId);
  }

  /** After rewording: the file's WAL, which still holds the pages with the old words, copied back and emptied. */
  emptyWal(): Promise<void> {
    return emptyWal(this.db);
  }
}

interface WatchRecord {
  id: string;
  actor: string;
  story_id: string;
  kinds: string;
  threshold: number;
  webhook_url: string | null;
  created_position: number;
  created_at: string;
}

interface AlertRecord {
  id: string;
  position: number;
  watch_id: string;
  actor: string;
  story_id: string;
  revision: number;
  kind: AlertKind;
  description: string;
  at: string;
}

function toWatch(row: WatchRecord): WatchRow {
  return {
    id: row.id,
    actor: row.actor,
    storyId: row.story_id,
    on: JSON.parse(row.kinds) as AlertKind[],
    estimateThresholdPercent: row.threshold,
    webhookUrl: row.webhook_url,
    createdPosition: row.created_position,
    createdAt: row.created_at,
  };
}

function toAlert(row: AlertRecord): KeptAlert {
  return { id: row.id, position: row.position, watchId: row.watch_id, actor: row.actor, storyId: row.story_id, revision: row.revision, kind: row.kind, description: row.description, at: row.at };
}

/** What a watch's owner sees of an alert. */
export function publicAlert({ id, watchId, storyId, revision, kind, description, at }: KeptAlert): Alert {
  return { id, watchId, storyId, revision, kind, description, at };
}
