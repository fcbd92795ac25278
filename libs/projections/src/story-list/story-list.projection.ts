import type Database from 'better-sqlite3';
import type { EncodedStoredEvent } from '@story-tracker/event-store';
import { STORY_STREAM_PREFIX, storyIdOfStream, toRecordedStoryEvent, type RecordedStoryEvent } from '@story-tracker/domain';
import type { Projection } from '../projection';
import { STORY_LIST_SCHEMA } from './story-list.schema';

/** What a batch does to one story's row: the fields it sets (the last value of each) and its last event. */
interface RowChange {
  readonly id: string;
  opened?: { readonly headline: string; readonly summary: string; readonly tags: string; readonly at: string; readonly actor: string; readonly revision: number; readonly position: number };
  headline?: string;
  summary?: string;
  tags?: string;
  status?: string;
  last: EncodedStoredEvent;
}

/**
 * The list of stories, newest change first: one row per story, kept in SQLite with its checkpoint.
 *
 * A batch is folded into one change per story before anything is written (its fields' last values
 * and its last event's revision, time and actor), then written with at most two statements per story:
 * a rebuild over a thousand events of a story costs a few rows, not a thousand updates. Only the
 * events that change a field are parsed (and upcast); for the others only the last of each story in
 * the batch has its metadata read.
 */
export class StoryListProjection implements Projection {
  readonly name = 'story-list';
  private readonly statements;

  constructor(private readonly db: Database.Database) {
    db.exec(STORY_LIST_SCHEMA);
    this.statements = {
      checkpoint: db.prepare<[string], { position: number }>('SELECT position FROM projection_checkpoints WHERE name = ?'),
      saveCheckpoint: db.prepare<[string, number]>(
        'INSERT INTO projection_checkpoints (name, position) VALUES (?, ?) ON CONFLICT(name) DO UPDATE SET position = excluded.position',
      ),
      open: db.prepare<[string, string, string, string, number, string, string, string, number]>(
        `INSERT INTO story_list (id, headline, summary, tags, status, revision, created_at, updated_at, updated_by, position)
         VALUES (?, ?, ?, ?, 'draft', ?, ?, ?, ?, ?)
         ON CONFLICT(id) DO NOTHING`,
      ),
      // NULL leaves a field as it is.
      change: db.prepare<[string | null, string | null, string | null, string | null, number, string, string, number, string]>(
        `UPDATE story_list SET headline = COALESCE(?, headline), summary = COALESCE(?, summary), tags = COALESCE(?, tags),
         status = COALESCE(?, status), revision = ?, updated_at = ?, updated_by = ?, position = ? WHERE id = ?`,
      ),
    };
  }

  checkpoint(): number {
    return this.statements.checkpoint.get(this.name)?.position ?? 0;
  }

  apply(events: readonly EncodedStoredEvent[]): void {
    this.db.transaction(() => {
      // Read under the write lock (IMMEDIATE): another instance on the same DATA_DIR may have
      // applied some of these events since this one looked.
      const after = this.checkpoint();
      let last = after;
      // One entry per story of the batch: bounded by the batch size.
      const changes = new Map<string, RowChange>();
      for (const event of events) {
        if (event.globalPosition <= after) continue;
        last = event.globalPosition;
        if (event.streamId.startsWith(STORY_STREAM_PREFIX)) this.collect(changes, event);
      }
      if (last === after) return;
      for (const change of changes.values()) this.write(change);
      this.statements.saveCheckpoint.run(this.name, last);
    }).immediate();
  }

  private collect(changes: Map<string, RowChange>, stored: EncodedStoredEvent): void {
    let change = changes.get(stored.streamId);
    if (!change) {
      change = { id: storyIdOfStream(stored.streamId), last: stored };
      changes.set(stored.streamId, change);
    }
    change.last = stored;
    switch (stored.type) {
      case 'StoryOpened': {
        const event = decode(stored);
        if (event.type !== 'StoryOpened') break;
        const { headline, summary, tags } = event.data;
        change.opened = { headline, summary, tags: JSON.stringify(tags), at: event.metadata.recordedAt, actor: event.metadata.actor, revision: event.revision, position: stored.globalPosition };
        break;
      }
      case 'HeadlineRevised': {
        const event = decode(stored);
        if (event.type === 'HeadlineRevised') change.headline = event.data.headline;
        break;
      }
      case 'SummaryRevised': {
        const event = decode(stored);
        if (event.type === 'SummaryRevised') change.summary = event.data.summary;
        break;
      }
      case 'TagsChanged': {
        const event = decode(stored);
        if (event.type === 'TagsChanged') change.tags = JSON.stringify(event.data.tags);
        break;
      }
      case 'StoryPublished':
        change.status = 'published';
        break;
      case 'StoryArchived':
        change.status = 'archived';
        break;
      default:
        break;
    }
  }

  private write(change: RowChange): void {
    const { opened, last } = change;
    if (opened) this.statements.open.run(change.id, opened.headline, opened.summary, opened.tags, opened.revision, opened.at, opened.at, opened.actor, opened.position);
    const metadata = JSON.parse(last.metadata) as RecordedStoryEvent['metadata'];
    this.statements.change.run(
      change.headline ?? null,
      change.summary ?? null,
      change.tags ?? null,
      change.status ?? null,
      last.revision,
      metadata.recordedAt,
      metadata.actor,
      last.globalPosition,
      change.id,
    );
  }
}

/** The event parsed and upcast to its current shape. */
function decode(stored: EncodedStoredEvent): RecordedStoryEvent {
  return toRecordedStoryEvent({ type: stored.type, data: JSON.parse(stored.data), revision: stored.revision, metadata: JSON.parse(stored.metadata) });
}
