/** A stream's newest revision and the hash of its event there: what the next append is sealed on. */
export interface StreamHead {
  readonly revision: number;
  readonly hash: string;
}

/** How many stream heads a store remembers (it forgets them all past this; they are read again). */
const KNOWN_HEADS = 10_000;

/**
 * The heads of the streams this instance last wrote (or found under their locks): what PostgreSQL's
 * next append is sealed on before anything is read. A belief, never trusted: the server checks each
 * append against the real head under the lock, and another instance's write only makes the append
 * 'stale', checked and sealed again on the head found. (SQLite's writer thread seals under its lock.)
 */
export class BelievedHeads {
  private readonly heads = new Map<string, StreamHead>();

  get(streamId: string): StreamHead | undefined {
    return this.heads.get(streamId);
  }

  remember(streamId: string, head: StreamHead): void {
    if (this.heads.size >= KNOWN_HEADS && !this.heads.has(streamId)) this.heads.clear();
    this.heads.set(streamId, head);
  }

  forget(streamIds: Iterable<string>): void {
    for (const streamId of streamIds) this.heads.delete(streamId);
  }
}
