import { evolve, initialStoryState, storyStreamName, toStoryDocument, upcastStoryEvent, type RecordedStoryEvent, type StoryDocument, type StoryState } from '@story-tracker/domain';
import { createHash } from 'node:crypto';
import Database from 'better-sqlite3';

interface Row {
  revision: number;
  type: string;
  data: string;
  metadata: string;
}

/**
 * The baselines of the history cases, straight on the same SQLite file with better-sqlite3 (a
 * read-only connection beside the API's): no time machine, no checkpoints, no store port.
 */
export class NaiveReplay {
  private readonly db: Database.Database;
  private readonly upTo: Database.Statement<[string, number], Row>;
  private readonly rowsWithLinks: Database.Statement<[string], { data: string; metadata: string; previous_hash: string }>;
  private readonly stream: string;

  constructor(file: string, storyId: string) {
    this.db = new Database(file, { readonly: true, fileMustExist: true });
    this.upTo = this.db.prepare('SELECT revision, type, data, metadata FROM events WHERE stream_id = ? AND revision <= ? ORDER BY revision');
    this.rowsWithLinks = this.db.prepare('SELECT data, metadata, previous_hash FROM events WHERE stream_id = ? ORDER BY revision');
    this.stream = storyStreamName(storyId);
  }

  /** The state after `revision`, the naive way: rows 1..revision, JSON.parse, upcast, evolve from the empty story. */
  stateAt(revision: number): StoryState {
    let state = initialStoryState;
    for (const row of this.upTo.iterate(this.stream, revision)) {
      const metadata = JSON.parse(row.metadata) as Record<string, unknown>;
      const schemaVersion = typeof metadata['schemaVersion'] === 'number' ? metadata['schemaVersion'] : 1;
      const { type, data } = upcastStoryEvent({ type: row.type, data: JSON.parse(row.data), schemaVersion });
      state = evolve(state, { type, data, revision: row.revision, metadata } as unknown as RecordedStoryEvent);
    }
    return state;
  }

  documentAt(revision: number): StoryDocument {
    return toStoryDocument(this.stateAt(revision));
  }

  /** Reads and parses every row of the stream with `.iterate()` (no fold); returns how many. */
  readAllRows(): number {
    let rows = 0;
    for (const row of this.upTo.iterate(this.stream, Number.MAX_SAFE_INTEGER)) {
      JSON.parse(row.data);
      JSON.parse(row.metadata);
      rows++;
    }
    return rows;
  }

  /**
   * Reads every row of the stream with `.iterate()`, parses data and metadata and takes the SHA-256 of
   * the row's data + metadata + previous hash text, as someone checking a log would write it in an
   * afternoon (no canonical form, no fold); returns how many rows.
   */
  readParseAndHashRows(): number {
    let rows = 0;
    for (const row of this.rowsWithLinks.iterate(this.stream)) {
      JSON.parse(row.data);
      JSON.parse(row.metadata);
      createHash('sha256').update(row.data + row.metadata + row.previous_hash).digest('hex');
      rows++;
    }
    return rows;
  }

  close(): void {
    this.db.close();
  }
}
