import { LogTree, MemoryTileStore, TILE_WIDTH, consistencyProof, inclusionProof, leafHash, rootHash, type TileStore } from '@story-tracker/verifiable-log';
import { hex, logEntries } from '../testing/log-entries';
import { ReferenceTree, referenceVerifyConsistency, referenceVerifyInclusion } from '../testing/rfc9162-reference';

/** A tile store that remembers every write, to check that tiles only ever grow and full ones are written once. */
class RecordingTileStore implements TileStore {
  readonly tiles = new MemoryTileStore();
  readonly writes: { level: number; tile: number; bytes: number }[] = [];

  read(level: number, tile: number): Buffer | undefined {
    return this.tiles.read(level, tile);
  }

  readHash(level: number, tile: number, position: number): Buffer | undefined {
    return this.tiles.readHash(level, tile, position);
  }

  write(level: number, tile: number, hashes: Buffer): void {
    this.writes.push({ level, tile, bytes: hashes.length });
    this.tiles.write(level, tile, hashes);
  }
}

// Uneven batches that land on and around every tile edge of two levels: 256 leaves fill a tile of
// level 0, 65,536 one of level 1 (whose root is the first entry of level 2).
const BATCHES = [1, 255, 256, 257, 1, 254, 1000, 7000, 24000, 32511, 1, 1, 255, 256, 4000];
const TOTAL = BATCHES.reduce((sum, batch) => sum + batch, 0);
const BOUNDARIES = [1, 255, 256, 257, 511, 512, 513, 65535, 65536, 65537];

describe('LogTree across tile boundaries', () => {
  const entries = logEntries(TOTAL);
  const reference = new ReferenceTree(entries);
  const store = new RecordingTileStore();
  /** What differed from the RFC while the tree grew (in beforeAll, so that each test below stands alone). */
  const differences: string[] = [];

  beforeAll(() => {
    const check = (what: string, ok: boolean) => ok || differences.push(what);
    const sizes: number[] = [];
    let tree = new LogTree(store);
    for (const batch of BATCHES) {
      const before = tree.size;
      tree.append(entries.slice(before, before + batch).map(leafHash));
      const size = before + batch;
      sizes.push(size);
      tree = new LogTree(store, size);
      check(`size ${size} after reopening`, tree.size === size);

      const root = reference.root(size);
      check(`root at ${size}`, rootHash(tree).equals(root));
      for (const earlier of sizes) check(`root of ${earlier} asked of the tree of ${size}`, rootHash(tree, earlier).equals(reference.root(earlier)));

      const indices = new Set([0, before, size - 1, ...BOUNDARIES, ...[0.13, 0.5, 0.77].map((share) => Math.floor(share * size))].filter((index) => index >= 0 && index < size));
      for (const index of indices) {
        const proof = inclusionProof(tree, index, size);
        check(`inclusionProof(${index}, ${size}) is PATH`, proof.map(hex).join() === reference.path(index, size).map(hex).join());
        check(`inclusionProof(${index}, ${size}) verifies`, referenceVerifyInclusion(leafHash(entries[index]!), index, size, proof, root));
      }
      for (const from of new Set([...sizes, ...BOUNDARIES, before + 1].filter((from) => from < size))) {
        const proof = consistencyProof(tree, from, size);
        check(`consistencyProof(${from}, ${size}) is PROOF`, proof.map(hex).join() === reference.proof(from, size).map(hex).join());
        check(`consistencyProof(${from}, ${size}) verifies`, referenceVerifyConsistency(from, size, proof, reference.root(from), root));
      }
    }
  });

  it(`grows in batches past 65,536 leaves, reopened from its tiles after each, with the RFC's roots and proofs`, () => {
    expect(TOTAL).toBeGreaterThan(TILE_WIDTH ** 2);
    expect(differences).toEqual([]);
  });

  it('keeps its tiles as C2SP tlog-tiles lays them out: leaf hashes, then the roots of full tiles a level up (a full tile followed by the nodes inside it)', () => {
    const tiles = store.tiles;
    // A full tile is stored as its C2SP tile (256 hashes) and then the 255 nodes above them, root last.
    const entriesOf = (stored: Buffer) => {
      const bytes = stored.subarray(0, TILE_WIDTH * 32);
      return Array.from({ length: bytes.length / 32 }, (_, i) => hex(bytes.subarray(i * 32, (i + 1) * 32)));
    };
    const full = tiles.read(0, 0)!;
    expect(full.length).toBe((2 * TILE_WIDTH - 1) * 32);
    expect(hex(full.subarray(full.length - 32))).toBe(hex(reference.mth(0, TILE_WIDTH)));
    const fullLeafTiles = Math.floor(TOTAL / TILE_WIDTH);
    for (const tile of [0, 1, 255, 256, fullLeafTiles - 1]) {
      expect(entriesOf(tiles.read(0, tile)!)).toEqual(entries.slice(tile * TILE_WIDTH, (tile + 1) * TILE_WIDTH).map((entry) => hex(leafHash(entry))));
    }
    // The rightmost tile of each level is partial: as wide as the entries that level has so far.
    expect(tiles.read(0, fullLeafTiles)!.length).toBe((TOTAL % TILE_WIDTH) * 32);
    expect(tiles.read(0, fullLeafTiles + 1)).toBeUndefined();
    const level1 = [...entriesOf(tiles.read(1, 0)!), ...entriesOf(tiles.read(1, 1)!)];
    expect(level1).toEqual(Array.from({ length: fullLeafTiles }, (_, i) => hex(reference.mth(i * TILE_WIDTH, (i + 1) * TILE_WIDTH))));
    expect(entriesOf(tiles.read(2, 0)!)).toEqual([hex(reference.mth(0, TILE_WIDTH ** 2))]);
    expect(tiles.read(3, 0)).toBeUndefined();
  });

  it('writes a full tile once and never again, and only ever grows a partial one', () => {
    const FULL_TILE_BYTES = (2 * TILE_WIDTH - 1) * 32;
    const lastWidth = new Map<string, number>();
    const problems: string[] = [];
    for (const { level, tile, bytes } of store.writes) {
      const key = `${level}/${tile}`;
      const before = lastWidth.get(key) ?? 0;
      if (before === FULL_TILE_BYTES) problems.push(`${key} written again after it was full`);
      else if (bytes <= before) problems.push(`${key} written with ${bytes} bytes after ${before}`);
      if (bytes % 32 !== 0 || (bytes > TILE_WIDTH * 32 && bytes !== FULL_TILE_BYTES)) problems.push(`${key} written with ${bytes} bytes`);
      lastWidth.set(key, bytes);
    }
    expect(problems).toEqual([]);
  });

  it('refuses to open on tiles that are missing or shorter than the size says', () => {
    const tiles = new MemoryTileStore();
    new LogTree(tiles).append(entries.slice(0, 300).map(leafHash));
    expect(() => new LogTree(tiles, 301)).toThrow(/missing or short/);
    expect(() => new LogTree(new MemoryTileStore(), 5)).toThrow(/missing or short/);
    // A full tile that has gone missing is noticed when a proof needs it, not answered wrongly.
    const dropped = (level: number, tile: number) => level === 0 && tile === 0;
    const dropping: TileStore = {
      read: (level, tile) => (dropped(level, tile) ? undefined : tiles.read(level, tile)),
      readHash: (level, tile, position) => (dropped(level, tile) ? undefined : tiles.readHash(level, tile, position)),
      write: () => undefined,
    };
    const reopened = new LogTree(dropping, 300);
    expect(() => inclusionProof(reopened, 3, 300)).toThrow(/missing or partial/);
    expect(rootHash(reopened)).toEqual(reference.root(300));
  });
});
