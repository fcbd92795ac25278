import type { DocumentBytes } from './document-bytes';

/** What an entry costs beside its body: the key, the entry and the map's slot (an estimate, on the safe side). */
export const ENTRY_OVERHEAD_BYTES = 256;

/**
 * Serialized state documents by story and revision, least recently used first out, bounded by the
 * bytes they hold. A revision's document never changes (the stream is append-only and the document is
 * a pure function of the events up to it), so an entry is never stale: what may change is only which
 * revision is a story's head, and the reader asks the store for that on every request.
 */
export class DocumentBytesCache {
  /** In least recently used order: a Map iterates in insertion order, and a hit re-inserts. */
  private readonly entries = new Map<string, DocumentBytes>();
  private held = 0;

  constructor(readonly maxBytes: number) {}

  get(storyId: string, revision: number): DocumentBytes | undefined {
    const key = keyOf(storyId, revision);
    const entry = this.entries.get(key);
    if (entry === undefined) return undefined;
    this.entries.delete(key);
    this.entries.set(key, entry);
    return entry;
  }

  /** Keeps `entry` (unless it alone is over the bound) and evicts the least recently used beyond the bound. */
  put(entry: DocumentBytes): void {
    const cost = costOf(entry);
    if (cost > this.maxBytes) return;
    const key = keyOf(entry.storyId, entry.revision);
    const previous = this.entries.get(key);
    if (previous !== undefined) {
      this.entries.delete(key);
      this.held -= costOf(previous);
    }
    this.entries.set(key, entry);
    this.held += cost;
    for (const [oldest, evicted] of this.entries) {
      if (this.held <= this.maxBytes) break;
      this.entries.delete(oldest);
      this.held -= costOf(evicted);
    }
  }

  /** Drops every revision of the story (a redaction took values out of all of them). */
  forgetStory(storyId: string): void {
    for (const [key, entry] of this.entries) {
      if (entry.storyId !== storyId) continue;
      this.entries.delete(key);
      this.held -= costOf(entry);
    }
  }

  /** Entries kept now. */
  get size(): number {
    return this.entries.size;
  }

  /** Bytes counted against the bound now (bodies and overhead). */
  get bytes(): number {
    return this.held;
  }
}

function keyOf(storyId: string, revision: number): string {
  // A slug has no space, so no two (story, revision) pairs share a key.
  return `${storyId} ${revision}`;
}

function costOf(entry: DocumentBytes): number {
  return entry.body.byteLength + ENTRY_OVERHEAD_BYTES;
}
