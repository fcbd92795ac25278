import Database from 'better-sqlite3';

/**
 * The SQLite database that holds the read models and their checkpoints. It is separate from the
 * event store: it can be deleted at any time and is rebuilt from the events on the next start.
 */
export function openReadModelDatabase(file: string): Database.Database {
  const db = new Database(file);
  db.pragma('journal_mode = WAL');
  // Read models are derived data: losing the last writes on a crash only means replaying them.
  db.pragma('synchronous = NORMAL');
  return db;
}
