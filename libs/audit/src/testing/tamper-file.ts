import Database from 'better-sqlite3';

/**
 * Changes a closed SQLite store file behind the store's back, the way someone with access to the
 * file could: in one transaction on a plain better-sqlite3 connection of its own.
 */
export function tamperWithFile(file: string, change: (db: Database.Database) => void): void {
  const db = new Database(file);
  try {
    db.transaction(() => change(db))();
  } finally {
    db.close();
  }
}
