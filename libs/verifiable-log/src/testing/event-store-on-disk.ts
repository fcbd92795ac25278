import Database from 'better-sqlite3';
import { chainHash, openSqliteEventStore, readAllEncoded, type EncodedStoredEvent, type NewEvent, type SqliteEventStore } from '@story-tracker/event-store';
import type { TempFolder } from './temp-folder';

/**
 * A real SQLite event store with a short newsroom history, and a connection of the test's own to the
 * same file, as someone with access to the disk would have: the tampering below goes straight to the
 * `events` table (libs/event-store/src/sqlite/sqlite-schema.ts), around the store.
 */
export interface EventStoreOnDisk {
  readonly store: SqliteEventStore;
  readonly file: string;
  /** The test's own connection to the events file. */
  readonly raw: Database.Database;
}

export const STREAMS = ['story-kyiv', 'story-minsk', 'story-geneva'] as const;

/** `count` events over the three streams, interleaved (so global order differs from every stream's). */
export function newsroomHistory(count: number): { streamId: string; event: NewEvent }[] {
  return Array.from({ length: count }, (_, i) => ({
    streamId: STREAMS[(i * 7) % 11 % 3]!,
    event: { type: i % 4 === 0 ? 'HeadlineRevised' : 'NoteAdded', data: { n: i + 1, text: `Development ${i + 1}` }, metadata: { actor: ['alice', 'bob'][i % 2]!, recordedAt: new Date(Date.UTC(2026, 10, 25, 10, i)).toISOString() } },
  }));
}

export async function openEventStoreOnDisk(folder: TempFolder, events = 0): Promise<EventStoreOnDisk> {
  const file = folder.file('events.sqlite');
  const store = openSqliteEventStore({ file });
  folder.onRemove(() => store.close());
  // One append each, in order: each event's global position is its place in the history.
  for (const { streamId, event } of newsroomHistory(events)) await store.append(streamId, [event], { expectedRevision: 'any' });
  const raw = new Database(file);
  raw.pragma('busy_timeout = 5000');
  folder.onRemove(() => raw.open && raw.close());
  return { store, file, raw };
}

/** Every event of the store, in global order, as the projections are fed them. */
export async function allEncoded(store: SqliteEventStore): Promise<EncodedStoredEvent[]> {
  return readAllEncoded(store, 0, 1_000_000);
}

interface EventRow {
  readonly global_position: number;
  readonly stream_id: string;
  readonly revision: number;
  readonly type: string;
  readonly data: string;
  readonly metadata: string;
  readonly hash: string;
  readonly previous_hash: string;
}

/** Changes made with SQL on the events table, as someone who can write the file could make them. */
export const tamper = {
  editData(raw: Database.Database, position: number, data: unknown): void {
    expectOneRow(raw.prepare('UPDATE events SET data = ? WHERE global_position = ?').run(JSON.stringify(data), position).changes);
  },

  setHash(raw: Database.Database, position: number, hash: string): void {
    expectOneRow(raw.prepare('UPDATE events SET hash = ? WHERE global_position = ?').run(hash, position).changes);
  },

  /** Deletes every event from `position` on: the newest events. */
  deleteFrom(raw: Database.Database, position: number): void {
    raw.prepare('DELETE FROM events WHERE global_position >= ?').run(position);
  },

  /** Gives two events each other's global position. */
  swapPositions(raw: Database.Database, a: number, b: number): void {
    raw.transaction(() => {
      const move = raw.prepare('UPDATE events SET global_position = ? WHERE global_position = ?');
      expectOneRow(move.run(-1, a).changes);
      expectOneRow(move.run(a, b).changes);
      expectOneRow(move.run(b, -1).changes);
    })();
  },

  /**
   * Rewrites a whole stream's history with `change` applied to each event's data, and every hash of
   * the stream computed afresh with the store's own chainHash: a forgery that is consistent in itself.
   */
  rewriteStream(raw: Database.Database, streamId: string, change: (data: Record<string, unknown>) => unknown): void {
    const rows = raw.prepare<[string], EventRow>('SELECT * FROM events WHERE stream_id = ? ORDER BY revision').all(streamId);
    const update = raw.prepare('UPDATE events SET data = ?, hash = ?, previous_hash = ? WHERE global_position = ?');
    raw.transaction(() => {
      let previous = '0'.repeat(64);
      for (const row of rows) {
        const data = change(JSON.parse(row.data) as Record<string, unknown>);
        const hash = chainHash(previous, { streamId, revision: row.revision, type: row.type, data, metadata: JSON.parse(row.metadata) as Record<string, unknown> });
        update.run(JSON.stringify(data), hash, previous, row.global_position);
        previous = hash;
      }
    })();
  },
};

/** The rows of the events table in global order (for picking what to tamper with). */
export function eventRows(raw: Database.Database): EventRow[] {
  return raw.prepare<[], EventRow>('SELECT * FROM events ORDER BY global_position').all();
}

function expectOneRow(changes: number): void {
  if (changes !== 1) throw new Error(`The tampering meant to change one row changed ${changes}`);
}
