import type { EncodedStoredEvent, EventStore } from '@story-tracker/event-store';
import type { Projection } from '@story-tracker/projections';
import { eventLeafHash } from '../merkle/hashes';
import { LogTree } from '../tiles/log-tree';
import type { SqliteTileStore } from '../tiles/sqlite-tile-store';

/** Why the tree was thrown away and built again, for the log. */
export interface LogTreeCheck {
  readonly rebuilt: boolean;
  readonly reason?: string;
  readonly size: number;
}

/**
 * The verifiable log's tree, kept as a read model: leaf i is the event at global position i + 1. Every
 * adapter hands out global positions densely and in commit order (SQLite's one writer, PostgreSQL's
 * log-head row lock, KurrentDB's log stream), so the log's order is decided once, by the commit, and
 * every instance that follows the store builds the same tree; none has to be "the one" that orders it.
 * A hole in the positions (an event deleted from the store) stops the tree there rather than closing
 * the gap: the log must never hide a missing event.
 */
export class LogTreeProjection implements Projection {
  readonly name = 'verifiable-log';
  private tree: LogTree;
  /** The tiles' generation `tree` was read from (see SqliteTileStore.head). */
  private generation: number;

  constructor(private readonly tiles: SqliteTileStore) {
    const { size, generation } = tiles.head();
    this.tree = new LogTree(tiles, size);
    this.generation = generation;
  }

  /** The tree as this instance has it: proofs and checkpoints are read from it. */
  current(): LogTree {
    this.refresh();
    return this.tree;
  }

  checkpoint(): number {
    return this.tiles.size();
  }

  /** Adds the events' leaves; at a hole, the events before it are kept and LogHoleError names the hole. */
  apply(events: readonly EncodedStoredEvent[]): void {
    const hole = this.tiles.transaction(() => {
      // Another instance on the same DATA_DIR may have grown the tree since this one looked.
      this.refresh();
      const fresh = events.filter((event) => event.globalPosition > this.tree.size);
      if (fresh.length === 0) return undefined;
      const expected = this.tree.size + 1;
      const gapAt = fresh.findIndex((event, index) => event.globalPosition !== expected + index);
      const sound = gapAt < 0 ? fresh : fresh.slice(0, gapAt);
      // The leaves are checked before anything is written: a batch with a bad hash writes nothing.
      const leaves = sound.map((event) => eventLeafHash(event.hash));
      if (leaves.length > 0) {
        this.tree.append(leaves);
        this.tiles.saveSize(this.tree.size);
      }
      return gapAt < 0 ? undefined : new LogHoleError(expected + gapAt, fresh[gapAt]!.globalPosition);
    });
    if (hole) throw hole;
  }

  /**
   * Checks, before following the store, that the tree still describes its events: not longer than
   * the store, and its last leaf the hash of the event at that position. A tree that does not is
   * built again from the events as they are now, so what this server signs from then on is the store's
   * truth, and a witness holding an earlier checkpoint sees the change. (A change deeper in the store
   * is caught by `POST /log/verify` and the CLI, which read every event.)
   */
  async checkAgainst(store: EventStore): Promise<LogTreeCheck> {
    const size = this.tiles.size();
    if (size === 0) return { rebuilt: false, size };
    const [event] = await store.readAll(size - 1, 1);
    let reason: string | undefined;
    if (!event || event.globalPosition !== size) reason = `the event store no longer holds an event at position ${size}`;
    else if (!this.current().completeSubtree(0, size - 1).equals(eventLeafHash(event.hash))) reason = `the event at position ${size} is not the one the log was built from`;
    if (!reason) return { rebuilt: false, size };
    this.tiles.clear();
    this.refresh();
    return { rebuilt: true, reason, size };
  }

  /** Reads the tree again when the file holds another: grown by another instance, or rebuilt by one. */
  private refresh(): void {
    const { size, generation } = this.tiles.head();
    if (size === this.tree.size && generation === this.generation) return;
    this.tree = new LogTree(this.tiles, size);
    this.generation = generation;
  }
}

export class LogHoleError extends Error {
  override readonly name = 'LogHoleError';
  constructor(
    readonly missing: number,
    readonly found: number,
  ) {
    super(`The event store has no event at global position ${missing} (the next one is at ${found}): the verifiable log stops before the hole`);
  }
}
