import Database from 'better-sqlite3';
import { enableWalMode } from '@story-tracker/event-store';

/** How much of the read-model file is read through a memory map (the rest, if any, as usual). */
const READ_MODEL_MMAP_BYTES = 1024 ** 3;

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
  // Reads from the file's pages in place rather than a system call a page: the verifiable log's proofs
  // read single hashes out of 16 KiB tiles at random, 3× faster so (the address space is reserved,
  // memory is only what is read, and the kernel may drop it).
  db.pragma(`mmap_size = ${READ_MODEL_MMAP_BYTES}`);
  return db;
}
