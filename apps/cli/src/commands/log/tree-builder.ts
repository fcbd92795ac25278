import { LogTree, MemoryTileStore, TILE_WIDTH, type Hash } from '@story-tracker/verifiable-log';

/**
 * A tree of today's leaves built in memory as the log is read (32 bytes a leaf, so a million events
 * take 32 MiB), up to `limit` leaves: a proof in the tree of a checkpoint's size needs no more.
 * Leaves are appended a tile at a time, as one append rewrites the tile it ends in.
 */
export class TreeBuilder {
  readonly tree = new LogTree(new MemoryTileStore());
  private pending: Hash[] = [];
  private seen = 0;

  constructor(private readonly limit = Number.POSITIVE_INFINITY) {}

  readonly add = (leaf: Hash): void => {
    if (this.seen >= this.limit) return;
    this.seen += 1;
    this.pending.push(leaf);
    if (this.pending.length >= TILE_WIDTH) this.flush();
  };

  /** The tree, with every leaf added so far. */
  finish(): LogTree {
    this.flush();
    return this.tree;
  }

  private flush(): void {
    if (this.pending.length === 0) return;
    this.tree.append(this.pending);
    this.pending = [];
  }
}
