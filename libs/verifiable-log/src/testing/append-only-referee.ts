import type Database from 'better-sqlite3';

/**
 * Triggers that make the read-model file itself refuse any write breaking what the tiles promise
 * (tiles/tile-store.ts): within one build of the tree (a generation) the size never goes back, a full
 * tile never changes, and a partial tile only grows by entries added at its end. A double-applied
 * event, or an instance writing from a stale tree, fails inside its own transaction, however the
 * writes of racing instances interleave, instead of being mended by a later write.
 */
export function refereeAppendOnly(db: Database.Database): void {
  db.exec(`
    CREATE TRIGGER IF NOT EXISTS referee_size BEFORE UPDATE ON log_tree
      WHEN NEW.size < OLD.size AND NEW.generation = OLD.generation
      BEGIN SELECT RAISE(ABORT, 'referee: the log tree went back to a smaller size'); END;
    CREATE TRIGGER IF NOT EXISTS referee_tiles BEFORE UPDATE ON log_tiles
      WHEN length(NEW.hashes) <= length(OLD.hashes) OR substr(NEW.hashes, 1, length(OLD.hashes)) != OLD.hashes
      BEGIN SELECT RAISE(ABORT, 'referee: a tile was rewritten, not grown'); END;
  `);
}
