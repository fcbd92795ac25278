import { HASH_BYTES, nodeHash, type Hash } from '../merkle/hashes';
import type { TreeHashes } from '../merkle/tree-hashes';
import type { TileStore } from './tile-store';

export const TILE_HEIGHT = 8;
export const TILE_WIDTH = 2 ** TILE_HEIGHT;
const TILE_BYTES = TILE_WIDTH * HASH_BYTES;
/** A full tile as stored: its 256 entries and every node above them inside the tile, 511 hashes. */
const PYRAMID_NODES = 2 * TILE_WIDTH - 1;
const PYRAMID_BYTES = PYRAMID_NODES * HASH_BYTES;
/** Full tiles kept in memory: 1,024 × 16 KiB = 16 MiB, the upper levels and the recent leaves of any log. */
const CACHED_TILES = 1024;

/**
 * An append-only Merkle tree kept as tiles. Appending a leaf writes it into the rightmost tile of
 * level 0; a tile that fills up is stored with every node inside it (its "pyramid": the 256 entries,
 * then the 128 nodes above them, … up to its root) and adds its root to the level above, so an append
 * costs one hash plus, on average, less than one more (and at most log₂₅₆ n tiles written). Any
 * complete subtree inside a full tile is then a lookup, with no hashing: a proof for any size up to the
 * tree's own is a few tile reads, without the log (only the rightmost, partial tiles are folded).
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
    const tile = Math.floor(first / TILE_WIDTH);
    if (this.isEdge(tileLevel, tile)) return foldEntries(this.edges[tileLevel]!, first % TILE_WIDTH, 2 ** height);
    const node = pyramidOffset(height) + (first % TILE_WIDTH) / 2 ** height;
    // A leaf tile not in the cache is read a hash at a time. Proofs over a large log touch leaf tiles at
    // random: reading 16 KiB of each into the cache for a few hashes made garbage enough for a full
    // collection every thousand proofs or so, and those pauses were the proofs' p99 over HTTP. A tile
    // stored with its 256 entries only has no inner nodes to read: it is completed (and cached) below.
    if (tileLevel === 0 && !this.cache.has(`0/${tile}`)) {
      const hash = this.tiles.readHash(0, tile, node);
      if (hash) return hash;
    }
    return Buffer.from(this.fullTile(tileLevel, tile).subarray(node * HASH_BYTES, (node + 1) * HASH_BYTES));
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
    const pyramid = pyramidOf(edge);
    const tile = Math.floor(entry / TILE_WIDTH);
    this.tiles.write(level, tile, pyramid);
    this.remember(`${level}/${tile}`, pyramid);
    this.edgeWidths[level] = 0;
    this.push(level + 1, pyramid.subarray((PYRAMID_NODES - 1) * HASH_BYTES), tile, touched);
  }

  /** The rightmost tile of its level, partial, kept in memory and folded when asked. */
  private isEdge(level: number, tile: number): boolean {
    return tile === Math.floor(entriesAt(level, this.treeSize) / TILE_WIDTH) && level < this.edges.length;
  }

  /** A full tile's pyramid, from memory or the store (a tile stored with its 256 entries only is completed here). */
  private fullTile(level: number, tile: number): Buffer {
    const key = `${level}/${tile}`;
    const cached = this.cache.get(key);
    if (cached) {
      this.cache.delete(key);
      this.cache.set(key, cached);
      return cached;
    }
    const stored = this.tiles.read(level, tile);
    if (!stored || (stored.length !== PYRAMID_BYTES && stored.length !== TILE_BYTES)) throw new Error(`The log's tile ${key} is missing or partial`);
    const pyramid = stored.length === PYRAMID_BYTES ? stored : pyramidOf(stored);
    this.remember(key, pyramid);
    return pyramid;
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

/** Where the nodes of `height` start in a pyramid, in nodes: 256 entries, then 128 above them, … */
function pyramidOffset(height: number): number {
  return 2 * TILE_WIDTH - (2 * TILE_WIDTH) / 2 ** height;
}

/** A full tile's entries with every node above them, up to its root (the last 32 bytes). */
function pyramidOf(entries: Buffer): Buffer {
  const pyramid = Buffer.alloc(PYRAMID_BYTES);
  entries.copy(pyramid, 0, 0, TILE_BYTES);
  for (let height = 1; height <= TILE_HEIGHT; height += 1) {
    const below = pyramidOffset(height - 1);
    const here = pyramidOffset(height);
    for (let index = 0; index < TILE_WIDTH / 2 ** height; index += 1) {
      const left = pyramid.subarray((below + 2 * index) * HASH_BYTES, (below + 2 * index + 1) * HASH_BYTES);
      const right = pyramid.subarray((below + 2 * index + 1) * HASH_BYTES, (below + 2 * index + 2) * HASH_BYTES);
      nodeHash(left, right).copy(pyramid, (here + index) * HASH_BYTES);
    }
  }
  return pyramid;
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
