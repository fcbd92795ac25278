import type Database from 'better-sqlite3';
import type { StoredEvent } from '@story-tracker/event-store';
import { STORY_STREAM_PREFIX, storyIdOfStream, toRecordedStoryEvent } from '@story-tracker/domain';
import type { Projection } from '../projection';
import { STORY_LIST_SCHEMA } from './story-list.schema';

/** The list of stories, newest change first: one row per story, kept in SQLite with its checkpoint. */
export class StoryListProjection implements Projection {
  readonly name = 'story-list';
  private readonly statements;

  constructor(private readonly db: Database.Database) {
    db.exec(STORY_LIST_SCHEMA);
    this.statements = {
      checkpoint: db.prepare<[string], { position: number }>('SELECT position FROM projection_checkpoints WHERE name = ?'),
      saveCheckpoint: db.prepare(
        'INSERT INTO projection_checkpoints (name, position) VALUES (?, ?) ON CONFLICT(name) DO UPDATE SET position = excluded.position',
      ),
      open: db.prepare(
        `INSERT INTO story_list (id, headline, summary, tags, status, revision, created_at, updated_at, updated_by, position)
         VALUES (@id, @headline, @summary, @tags, 'draft', @revision, @at, @at, @actor, @position)
         ON CONFLICT(id) DO NOTHING`,
      ),
      touch: db.prepare(
        'UPDATE story_list SET revision = @revision, updated_at = @at, updated_by = @actor, position = @position WHERE id = @id',
      ),
      setHeadline: db.prepare('UPDATE story_list SET headline = ? WHERE id = ?'),
      setSummary: db.prepare('UPDATE story_list SET summary = ? WHERE id = ?'),
      setTags: db.prepare('UPDATE story_list SET tags = ? WHERE id = ?'),
      setStatus: db.prepare('UPDATE story_list SET status = ? WHERE id = ?'),
    };
  }

  checkpoint(): number {
    return this.statements.checkpoint.get(this.name)?.position ?? 0;
  }

  apply(events: readonly StoredEvent[]): void {
    this.db.transaction(() => {
      // Read under the write lock (IMMEDIATE): another instance on the same DATA_DIR may have
      // applied some of these events since this one looked.
      const after = this.checkpoint();
      const unseen = events.filter((event) => event.globalPosition > after);
      if (unseen.length === 0) return;
      for (const event of unseen) {
        if (event.streamId.startsWith(STORY_STREAM_PREFIX)) this.applyOne(event);
      }
      this.statements.saveCheckpoint.run(this.name, unseen[unseen.length - 1]!.globalPosition);
    }).immediate();
  }

  private applyOne(stored: StoredEvent): void {
    const id = storyIdOfStream(stored.streamId);
    const event = toRecordedStoryEvent(stored);
    const stamp = { id, revision: event.revision, at: event.metadata.recordedAt, actor: event.metadata.actor, position: stored.globalPosition };
    switch (event.type) {
      case 'StoryOpened':
        this.statements.open.run({ ...stamp, headline: event.data.headline, summary: event.data.summary, tags: JSON.stringify(event.data.tags) });
        break;
      case 'HeadlineRevised':
        this.statements.setHeadline.run(event.data.headline, id);
        break;
      case 'SummaryRevised':
        this.statements.setSummary.run(event.data.summary, id);
        break;
      case 'TagsChanged':
        this.statements.setTags.run(JSON.stringify(event.data.tags), id);
        break;
      case 'StoryPublished':
        this.statements.setStatus.run('published', id);
        break;
      case 'StoryArchived':
        this.statements.setStatus.run('archived', id);
        break;
      default:
        break;
    }
    this.statements.touch.run(stamp);
  }
}
