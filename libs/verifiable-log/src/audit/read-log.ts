import { expectedHash, GENESIS_HASH, type EventStore, type StoredEvent } from '@story-tracker/event-store';
import { eventLeafHash, type Hash } from '../merkle/hashes';
import { StreamingRoot } from '../merkle/streaming-root';

/** What a reading of the whole log found: the roots at the sizes asked for, or where it stops being sound. */
export interface LogReading {
  /** Leaves read before the end or the first problem. */
  readonly size: number;
  /** The root of the first `n` leaves, for each size asked for that was reached. */
  readonly roots: ReadonlyMap<number, Hash>;
  /** The first thing that makes the events no honest log: a hole, an event whose hash is not its content's, a broken link. */
  readonly problem?: string;
}

export interface ReadLogOptions {
  /** Tree sizes whose roots to keep as the reading passes them (the end's is always kept). */
  readonly sizes?: readonly number[];
  /** Called with each leaf as it is read (a tree being built alongside). */
  readonly onLeaf?: (leaf: Hash, event: StoredEvent) => void;
  readonly onProgress?: (read: number) => void;
  readonly batchSize?: number;
}

/**
 * Reads every event of the store in the log's order and recomputes the log from them, trusting
 * nothing stored beside the events: each event's hash is recomputed from its content and checked
 * against its stream's previous event, positions must be dense from 1, and the leaves are the hashes.
 * This is what an auditor's "today's log" means; the server's tiles are only a faster way to it.
 */
export async function readLog(store: EventStore, options: ReadLogOptions = {}): Promise<LogReading> {
  const wanted = new Set(options.sizes ?? []);
  const roots = new Map<number, Hash>();
  const streamHeads = new Map<string, { revision: number; hash: string }>();
  const tree = new StreamingRoot();
  const batchSize = options.batchSize ?? 2000;
  const keep = () => {
    if (wanted.has(tree.size)) roots.set(tree.size, tree.root());
  };
  keep();
  for (;;) {
    const events = await store.readAll(tree.size, batchSize);
    for (const event of events) {
      const problem = problemWith(event, tree.size + 1, streamHeads);
      if (problem) {
        roots.set(tree.size, tree.root());
        return { size: tree.size, roots, problem };
      }
      const leaf = eventLeafHash(event.hash);
      tree.add(leaf);
      options.onLeaf?.(leaf, event);
      keep();
    }
    options.onProgress?.(tree.size);
    if (events.length < batchSize) break;
    // Let other work run between batches: this may be a request's handler on a busy server.
    await new Promise((resolve) => setImmediate(resolve));
  }
  roots.set(tree.size, tree.root());
  return { size: tree.size, roots };
}

function problemWith(event: StoredEvent, position: number, heads: Map<string, { revision: number; hash: string }>): string | undefined {
  if (event.globalPosition !== position) return `no event at global position ${position} (the next one is at ${event.globalPosition}): an event was removed`;
  const head = heads.get(event.streamId);
  const where = `the event at global position ${position} (${event.streamId} revision ${event.revision})`;
  if (event.revision !== (head?.revision ?? 0) + 1) return `${where} does not follow revision ${head?.revision ?? 0} of its stream`;
  if (event.previousHash !== (head?.hash ?? GENESIS_HASH)) return `${where} does not link to the event before it in its stream`;
  if (expectedHash(event) !== event.hash) return `${where} does not match its own hash: its content was changed`;
  heads.set(event.streamId, { revision: event.revision, hash: event.hash });
  return undefined;
}
