import type Database from 'better-sqlite3';
import type { TileStore } from './tile-store';

const SCHEMA = `
  CREATE TABLE IF NOT EXISTS log_tiles (
    level  INTEGER NOT NULL,
    tile   INTEGER NOT NULL,
    hashes BLOB    NOT NULL,
    PRIMARY KEY (level, tile)
  ) WITHOUT ROWID;
  -- One row: how many leaves the tiles hold.
  CREATE TABLE IF NOT EXISTS log_tree (
    singleton INTEGER PRIMARY KEY CHECK (singleton = 1),
    size      INTEGER NOT NULL CHECK (size >= 0)
  );
`;

/**
 * The log's tiles in the read-model database: derived from the events like every read model, so it
 * may be deleted and is then built again (the checkpoints it signed stay valid: the same events give
 * the same tree). About 32 bytes per event.
 */
export class SqliteTileStore implements TileStore {
  private readonly statements;

  constructor(private readonly db: Database.Database) {
    db.exec(SCHEMA);
    this.statements = {
      read: db.prepare<[number, number], { hashes: Buffer }>('SELECT hashes FROM log_tiles WHERE level = ? AND tile = ?'),
      write: db.prepare<[number, number, Buffer]>('INSERT INTO log_tiles (level, tile, hashes) VALUES (?, ?, ?) ON CONFLICT (level, tile) DO UPDATE SET hashes = excluded.hashes'),
      size: db.prepare<[], { size: number }>('SELECT size FROM log_tree WHERE singleton = 1'),
      saveSize: db.prepare<[number]>('INSERT INTO log_tree (singleton, size) VALUES (1, ?) ON CONFLICT (singleton) DO UPDATE SET size = excluded.size'),
      clear: db.prepare('DELETE FROM log_tiles'),
    };
  }

  read(level: number, tile: number): Buffer | undefined {
    return this.statements.read.get(level, tile)?.hashes;
  }

  write(level: number, tile: number, hashes: Buffer): void {
    this.statements.write.run(level, tile, hashes);
  }

  size(): number {
    return this.statements.size.get()?.size ?? 0;
  }

  saveSize(size: number): void {
    this.statements.saveSize.run(size);
  }

  /** Forgets the whole tree (to build it again from the events). */
  clear(): void {
    this.db.transaction(() => {
      this.statements.clear.run();
      this.statements.saveSize.run(0);
    }).immediate();
  }

  /** Runs `work` in one write transaction, taken at once so that two instances never interleave. */
  transaction<T>(work: () => T): T {
    return this.db.transaction(work).immediate();
  }
}
