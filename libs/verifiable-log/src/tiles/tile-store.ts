import { HASH_BYTES } from '../merkle/hashes';

/**
 * Where a log tree keeps its tiles (the layout of C2SP tlog-tiles, height 8): tile (level L, number t)
 * holds the hashes of the tree's nodes at height 8·L, numbers t·256 to t·256 + 255, 32 bytes each, in
 * order. Level 0 holds the leaf hashes; an entry of level L + 1 is the root of a full tile of level L.
 * Only the rightmost tile of a level is ever partial, and it only grows.
 */
export interface TileStore {
  /** The tile's bytes (32 × its width), or undefined if it was never written. */
  read(level: number, tile: number): Buffer | undefined;
  /**
   * The 32 bytes at hash number `position` of a stored tile, without reading the rest (a proof needs a
   * few hashes of many tiles), or undefined if the tile is not that long.
   */
  readHash(level: number, tile: number, position: number): Buffer | undefined;
  write(level: number, tile: number, hashes: Buffer): void;
}

/** Tiles in a Map: for a tree built and thrown away in one run (the CLI's own recomputation, tests). */
export class MemoryTileStore implements TileStore {
  private readonly tiles = new Map<string, Buffer>();

  read(level: number, tile: number): Buffer | undefined {
    return this.tiles.get(`${level}/${tile}`);
  }

  readHash(level: number, tile: number, position: number): Buffer | undefined {
    const bytes = this.tiles.get(`${level}/${tile}`);
    if (!bytes || bytes.length < (position + 1) * HASH_BYTES) return undefined;
    return Buffer.from(bytes.subarray(position * HASH_BYTES, (position + 1) * HASH_BYTES));
  }

  write(level: number, tile: number, hashes: Buffer): void {
    this.tiles.set(`${level}/${tile}`, Buffer.from(hashes));
  }
}
