import { HASH_BYTES, nodeHash, type Hash } from '../merkle/hashes';
import type { TreeHashes } from '../merkle/tree-hashes';
import type { TileStore } from './tile-store';

export const TILE_HEIGHT = 8;
export const TILE_WIDTH = 2 ** TILE_HEIGHT;
const TILE_BYTES = TILE_WIDTH * HASH_BYTES;
/** Full tiles kept decoded: 1,024 × 8 KiB = 8 MiB, the upper levels and the recent leaves of any log. */
const CACHED_TILES = 1024;

/**
 * An append-only Merkle tree kept as tiles. Appending a leaf writes it into the rightmost tile of
 * level 0; a tile that fills up adds its root to the level above, so an append costs one hash plus, on
 * average, less than one more (and at most log₂₅₆ n tiles written). Any complete subtree's hash is
 * found in one tile and at most 255 hashes folded, so proofs for every size up to the tree's own are
 * answered from the tiles, without the log.
 */
export class LogTree implements TreeHashes {
  private treeSize: number;
  /** The rightmost, partial tile of each level, growing in place (TILE_BYTES each). */
  private readonly edges: Buffer[] = [];
  private readonly edgeWidths: number[] = [];
  private readonly cache = new Map<string, Buffer>();

  constructor(
    private readonly tiles: TileStore,
    size = 0,
  ) {
    this.treeSize = size;
    for (let level = 0; entriesAt(level, size) > 0; level += 1) {
      const width = entriesAt(level, size) % TILE_WIDTH;
      const edge = Buffer.alloc(TILE_BYTES);
      if (width > 0) {
        const stored = tiles.read(level, Math.floor(entriesAt(level, size) / TILE_WIDTH));
        if (!stored || stored.length < width * HASH_BYTES) throw new Error(`The log's tile ${level}/${Math.floor(entriesAt(level, size) / TILE_WIDTH)} is missing or short`);
        stored.copy(edge, 0, 0, width * HASH_BYTES);
      }
      this.edges.push(edge);
      this.edgeWidths.push(width);
    }
  }

  get size(): number {
    return this.treeSize;
  }

  /** Adds leaf hashes at the end and writes every tile they changed. */
  append(leaves: readonly Hash[]): void {
    const touched = new Set<number>();
    for (const leaf of leaves) {
      this.push(0, leaf, this.treeSize, touched);
      this.treeSize += 1;
    }
    for (const level of touched) {
      const width = this.edgeWidths[level]!;
      if (width > 0) this.tiles.write(level, Math.floor(entriesAt(level, this.treeSize) / TILE_WIDTH), this.edges[level]!.subarray(0, width * HASH_BYTES));
    }
  }

  completeSubtree(level: number, index: number): Hash {
    if (!(index >= 0 && (index + 1) * 2 ** level <= this.treeSize)) throw new RangeError(`No complete subtree ${level}/${index} in a tree of ${this.treeSize}`);
    const tileLevel = Math.floor(level / TILE_HEIGHT);
    const height = level % TILE_HEIGHT;
    const first = index * 2 ** height;
    const bytes = this.tileBytes(tileLevel, Math.floor(first / TILE_WIDTH));
    return foldEntries(bytes, first % TILE_WIDTH, 2 ** height);
  }

  /** Puts entry number `entry` of `level`; a tile it fills is stored for good and its root goes up a level. */
  private push(level: number, hash: Hash, entry: number, touched: Set<number>): void {
    if (level === this.edges.length) {
      this.edges.push(Buffer.alloc(TILE_BYTES));
      this.edgeWidths.push(0);
    }
    const edge = this.edges[level]!;
    const width = entry % TILE_WIDTH;
    hash.copy(edge, width * HASH_BYTES);
    this.edgeWidths[level] = width + 1;
    touched.add(level);
    if (width + 1 < TILE_WIDTH) return;
    const full = Buffer.from(edge);
    const tile = Math.floor(entry / TILE_WIDTH);
    this.tiles.write(level, tile, full);
    this.remember(`${level}/${tile}`, full);
    this.edgeWidths[level] = 0;
    this.push(level + 1, foldEntries(full, 0, TILE_WIDTH), tile, touched);
  }

  private tileBytes(level: number, tile: number): Buffer {
    const edgeTile = Math.floor(entriesAt(level, this.treeSize) / TILE_WIDTH);
    if (tile === edgeTile && level < this.edges.length) return this.edges[level]!;
    const key = `${level}/${tile}`;
    const cached = this.cache.get(key);
    if (cached) {
      this.cache.delete(key);
      this.cache.set(key, cached);
      return cached;
    }
    const stored = this.tiles.read(level, tile);
    if (!stored || stored.length !== TILE_BYTES) throw new Error(`The log's tile ${key} is missing or partial`);
    this.remember(key, stored);
    return stored;
  }

  private remember(key: string, bytes: Buffer): void {
    this.cache.set(key, bytes);
    if (this.cache.size > CACHED_TILES) this.cache.delete(this.cache.keys().next().value!);
  }
}

/** How many nodes of height 8·level are complete in a tree of `size` leaves. */
function entriesAt(level: number, size: number): number {
  return Math.floor(size / TILE_WIDTH ** level);
}

/** The root over `count` (a power of two) consecutive 32-byte entries of a tile, from entry `first`. */
function foldEntries(bytes: Buffer, first: number, count: number): Hash {
  let row: Hash[] = [];
  for (let i = 0; i < count; i += 1) row.push(bytes.subarray((first + i) * HASH_BYTES, (first + i + 1) * HASH_BYTES));
  while (row.length > 1) {
    const next: Hash[] = [];
    for (let i = 0; i < row.length; i += 2) next.push(nodeHash(row[i]!, row[i + 1]!));
    row = next;
  }
  return Buffer.from(row[0]!);
}
