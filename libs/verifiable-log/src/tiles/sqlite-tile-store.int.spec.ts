import Database from 'better-sqlite3';
import { LogTree, SqliteTileStore, TILE_WIDTH, consistencyProof, inclusionProof, leafHash, rootHash } from '@story-tracker/verifiable-log';
import { hex, logEntries } from '../testing/log-entries';
import { ReferenceTree } from '../testing/rfc9162-reference';
import { TempFolder } from '../testing/temp-folder';

describe('SqliteTileStore', () => {
  let folder: TempFolder;
  beforeEach(() => {
    folder = new TempFolder();
  });
  afterEach(() => folder.remove());

  const open = () => {
    const db = new Database(folder.file('read-models.sqlite'));
    folder.onRemove(() => db.open && db.close());
    return db;
  };

  it('keeps the tiles and the size of a tree across connections', () => {
    const entries = logEntries(600);
    const tiles = new SqliteTileStore(open());
    new LogTree(tiles).append(entries.map(leafHash));
    tiles.saveSize(600);
    const again = new SqliteTileStore(open());
    expect(again.head()).toEqual({ size: 600, generation: 0 });
    expect(hex(rootHash(new LogTree(again, again.size())))).toBe(hex(new ReferenceTree(entries).root()));
  });

  it('starts a new generation each time the tree is cleared', () => {
    const tiles = new SqliteTileStore(open());
    expect(tiles.head()).toEqual({ size: 0, generation: 0 });
    tiles.clear();
    expect(tiles.head()).toEqual({ size: 0, generation: 1 });
    new LogTree(tiles).append(logEntries(3).map(leafHash));
    tiles.saveSize(3);
    tiles.clear();
    expect(tiles.head()).toEqual({ size: 0, generation: 2 });
    expect(tiles.read(0, 0)).toBeUndefined();
  });

  it('opens a file written before the generation was kept, and keeps its tree', () => {
    const db = open();
    db.exec(`
      CREATE TABLE log_tiles (level INTEGER NOT NULL, tile INTEGER NOT NULL, hashes BLOB NOT NULL, PRIMARY KEY (level, tile)) WITHOUT ROWID;
      CREATE TABLE log_tree (singleton INTEGER PRIMARY KEY CHECK (singleton = 1), size INTEGER NOT NULL CHECK (size >= 0));
      INSERT INTO log_tree (singleton, size) VALUES (1, 2);
    `);
    db.prepare('INSERT INTO log_tiles VALUES (0, 0, ?)').run(Buffer.concat(logEntries(2).map(leafHash)));
    const tiles = new SqliteTileStore(db);
    expect(tiles.head()).toEqual({ size: 2, generation: 0 });
    expect(hex(rootHash(new LogTree(tiles, 2)))).toBe(hex(new ReferenceTree(logEntries(2)).root()));
    tiles.clear();
    expect(new SqliteTileStore(open()).head()).toEqual({ size: 0, generation: 1 });
  });

  it('reads single hashes of a tile, and nothing past its end', () => {
    const tiles = new SqliteTileStore(open());
    const hashes = logEntries(3).map(leafHash);
    tiles.write(0, 7, Buffer.concat(hashes));
    expect(hashes.map((_, position) => hex(tiles.readHash(0, 7, position)!))).toEqual(hashes.map(hex));
    expect(tiles.readHash(0, 7, 3)).toBeUndefined();
    expect(tiles.readHash(0, 8, 0)).toBeUndefined();
  });

  it('answers proofs through a connection of its own, and tiles it cannot see yet through the main one', () => {
    const size = 3 * TILE_WIDTH + 5;
    const entries = logEntries(size);
    const reference = new ReferenceTree(entries);
    const db = open();
    const tiles = new SqliteTileStore(db, { proofReader: true });
    folder.onRemove(() => tiles.close());
    const tree = new LogTree(tiles);
    // Appended inside a transaction not committed yet: the proofs' connection does not see those tiles.
    db.exec('BEGIN IMMEDIATE');
    tree.append(entries.map(leafHash));
    const reopened = new LogTree(tiles, size);
    for (const index of [0, 255, 256, 600, size - 1]) expect(inclusionProof(reopened, index, size).map(hex)).toEqual(reference.path(index, size).map(hex));
    db.exec('COMMIT');
    const afterCommit = new LogTree(tiles, size);
    for (const index of [1, 300, 700]) expect(inclusionProof(afterCommit, index, size).map(hex)).toEqual(reference.path(index, size).map(hex));
    expect(tiles.readHash(0, 1, 0)).toEqual(leafHash(entries[256]!));
  });

  it('proves from full leaf tiles stored with their inner nodes or with their 256 entries only (an older layout)', () => {
    const size = 5 * TILE_WIDTH + 3;
    const entries = logEntries(size);
    const reference = new ReferenceTree(entries);
    const db = open();
    const tiles = new SqliteTileStore(db);
    new LogTree(tiles).append(entries.map(leafHash));
    // Tiles 1 and 3 as an older version wrote them: the entries without the nodes above them.
    for (const tile of [1, 3]) db.prepare('UPDATE log_tiles SET hashes = substr(hashes, 1, ?) WHERE level = 0 AND tile = ?').run(TILE_WIDTH * 32, tile);
    const tree = new LogTree(new SqliteTileStore(db), size);
    for (const index of [0, 255, 256, 300, 511, 767, 800, 1023, 1279, size - 1]) {
      expect(inclusionProof(tree, index, size).map(hex)).toEqual(reference.path(index, size).map(hex));
    }
    for (const from of [1, 256, 300, 700, 1100]) expect(consistencyProof(tree, from, size).map(hex)).toEqual(reference.proof(from, size).map(hex));
    expect(hex(rootHash(tree))).toBe(hex(reference.root()));
  });
});
