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
  // Some hold words made from a story's values (alerts' descriptions), which a redaction rewrites:
  // what is deleted or overwritten is zeroed, and so is what a page that splits leaves behind, so no
  // stale copy of a row stays in a page (the WAL is emptied after the rewrite, see emptyWal).
  db.pragma('secure_delete = ON');
  return db;
}
