import Database from 'better-sqlite3';
import { HASH_BYTES } from '../merkle/hashes';
import type { TileStore } from './tile-store';

const SCHEMA = `
  CREATE TABLE IF NOT EXISTS log_tiles (
    level  INTEGER NOT NULL,
    tile   INTEGER NOT NULL,
    hashes BLOB    NOT NULL,
    PRIMARY KEY (level, tile)
  ) WITHOUT ROWID;
  -- One row: how many leaves the tiles hold, and how many times the tree was thrown away (see head()).
  CREATE TABLE IF NOT EXISTS log_tree (
    singleton  INTEGER PRIMARY KEY CHECK (singleton = 1),
    size       INTEGER NOT NULL CHECK (size >= 0),
    generation INTEGER NOT NULL DEFAULT 0
  );
`;

/** How much of the file the hash reader maps: the address space is reserved, memory is what is read. */
const HASH_READER_MMAP_BYTES = 4 * 1024 ** 3;

/** What the tiles hold: the tree's size, and which build of the tree it is (clear() starts a new one). */
export interface TreeHead {
  readonly size: number;
  readonly generation: number;
}

/**
 * The log's tiles in the read-model database: derived from the events like every read model, so it
 * may be deleted and is then built again (the checkpoints it signed stay valid: the same events give
 * the same tree). About 32 bytes per event.
 */
export class SqliteTileStore implements TileStore {
  private readonly statements;
  private readonly hashStatement;
  private readonly hashReader: Database.Database | undefined;

  /**
   * With `proofReader`, and `db` in a file, `readHash` (a proof's reads) goes through a second
   * connection to the file that reads it through a memory map: single hashes out of 16 KiB tiles at
   * random cost a third as much so. A connection of its own, so that the map (and the memory it shows
   * as resident) is only as large as what proofs read, not all that the read models ever touch. A tile
   * it does not see yet (written by a transaction of `db` not yet committed) is read whole through `db`.
   */
  constructor(
    private readonly db: Database.Database,
    options: { proofReader?: boolean } = {},
  ) {
    // In one write transaction: instances starting together must not both add the column.
    db.transaction(() => {
      db.exec(SCHEMA);
      // A file made before the generation was kept: derived data, so any starting value will do.
      const columns = db.prepare<[], { name: string }>('SELECT name FROM pragma_table_info(\'log_tree\')').all();
      if (!columns.some((column) => column.name === 'generation')) db.exec('ALTER TABLE log_tree ADD COLUMN generation INTEGER NOT NULL DEFAULT 0');
    }).immediate();
    this.statements = {
      read: db.prepare<[number, number], { hashes: Buffer }>('SELECT hashes FROM log_tiles WHERE level = ? AND tile = ?'),
      write: db.prepare<[number, number, Buffer]>('INSERT INTO log_tiles (level, tile, hashes) VALUES (?, ?, ?) ON CONFLICT (level, tile) DO UPDATE SET hashes = excluded.hashes'),
      head: db.prepare<[], TreeHead>('SELECT size, generation FROM log_tree WHERE singleton = 1'),
      saveSize: db.prepare<[number]>('INSERT INTO log_tree (singleton, size) VALUES (1, ?) ON CONFLICT (singleton) DO UPDATE SET size = excluded.size'),
      clear: db.prepare('DELETE FROM log_tiles'),
      newGeneration: db.prepare('INSERT INTO log_tree (singleton, size, generation) VALUES (1, 0, 1) ON CONFLICT (singleton) DO UPDATE SET size = 0, generation = generation + 1'),
    };
    if (options.proofReader && !db.memory) {
      this.hashReader = new Database(db.name, { fileMustExist: true });
      this.hashReader.pragma('busy_timeout = 5000');
      this.hashReader.pragma(`mmap_size = ${HASH_READER_MMAP_BYTES}`);
    }
    // substr of a BLOB counts bytes from 1; of a blob too short it gives fewer bytes (or none).
    this.hashStatement = (this.hashReader ?? db).prepare<[number, number, number], { hash: Buffer }>('SELECT substr(hashes, ?, 32) AS hash FROM log_tiles WHERE level = ? AND tile = ?');
  }

  read(level: number, tile: number): Buffer | undefined {
    return this.statements.read.get(level, tile)?.hashes;
  }

  readHash(level: number, tile: number, position: number): Buffer | undefined {
    const hash = this.hashStatement.get(position * HASH_BYTES + 1, level, tile)?.hash;
    return hash?.length === HASH_BYTES ? hash : undefined;
  }

  write(level: number, tile: number, hashes: Buffer): void {
    this.statements.write.run(level, tile, hashes);
  }

  size(): number {
    return this.head().size;
  }

  /**
   * The size and the generation, read together. The size alone does not tell a tree from another:
   * after one instance rebuilds (clear, then the events again) the tree may be back at the size
   * another instance holds in memory with different leaves; the generation tells it to reload.
   */
  head(): TreeHead {
    return this.statements.head.get() ?? { size: 0, generation: 0 };
  }

  saveSize(size: number): void {
    this.statements.saveSize.run(size);
  }

  /** Forgets the whole tree (to build it again from the events), as a new generation. */
  clear(): void {
    this.db.transaction(() => {
      this.statements.clear.run();
      this.statements.newGeneration.run();
    }).immediate();
  }

  /** Closes the proofs' connection, if it has one (`db` is its owner's to close). */
  close(): void {
    this.hashReader?.close();
  }

  /** Runs `work` in one write transaction, taken at once so that two instances never interleave. */
  transaction<T>(work: () => T): T {
    return this.db.transaction(work).immediate();
  }
}
