import Database from 'better-sqlite3';
import { enableWalMode } from '@story-tracker/event-store';

/**
 * The SQLite database that holds the read models and their checkpoints. It is separate from the
 * event store: it can be deleted at any time and is rebuilt from the events on the next start.
 */
export function openReadModelDatabase(file: string): Database.Database {
  const db = new Database(file);
  // Other instances on the same DATA_DIR may open or write it at the same moment: wait for them.
  db.pragma('busy_timeout = 5000');
  if (file !== ':memory:') enableWalMode(db, 5000);
  // Read models are derived data: losing the last writes on a crash only means replaying them.
  db.pragma('synchronous = NORMAL');
  return db;
}
