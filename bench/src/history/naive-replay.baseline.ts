import { evolve, initialStoryState, storyStreamName, toStoryDocument, upcastStoryEvent, type RecordedStoryEvent, type StoryDocument, type StoryState } from '@story-tracker/domain';
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
  private readonly stream: string;

  constructor(file: string, storyId: string) {
    this.db = new Database(file, { readonly: true, fileMustExist: true });
    this.upTo = this.db.prepare('SELECT revision, type, data, metadata FROM events WHERE stream_id = ? AND revision <= ? ORDER BY revision');
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

  close(): void {
    this.db.close();
  }
}
