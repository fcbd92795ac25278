/**
 * The one port every event store adapter implements. Streams are named by the caller (see
 * `storyStreamName` in the domain); revisions count a stream's events from 1; global positions order
 * every event of the store from 1.
 */

/** An event to append. `metadata` carries who, when and why (actor, recordedAt, editSummary…). */
export interface NewEvent {
  readonly type: string;
  readonly data: unknown;
  readonly metadata: Readonly<Record<string, unknown>>;
}

/** An event as stored, with its place in its stream and in the store, and its link in the hash chain. */
export interface StoredEvent {
  readonly streamId: string;
  readonly revision: number;
  readonly globalPosition: number;
  readonly type: string;
  readonly data: unknown;
  readonly metadata: Readonly<Record<string, unknown>>;
  /** SHA-256 (hex) over the canonical JSON of this event and the previous event's hash. */
  readonly hash: string;
  /** The hash of the previous event in the stream; 64 zeros for the first. */
  readonly previousHash: string;
}

/**
 * A stored event with its data and metadata as the JSON text the store keeps, not parsed: for readers
 * that go through many events and need few of them whole (a read model rebuilt, a chain verified).
 */
export interface EncodedStoredEvent {
  readonly streamId: string;
  readonly revision: number;
  readonly globalPosition: number;
  readonly type: string;
  /** JSON text of `data`. */
  readonly data: string;
  /** JSON text of `metadata` (an object). */
  readonly metadata: string;
  readonly hash: string;
  readonly previousHash: string;
}

/**
 * What the stream must look like for an append to go through:
 * a revision number (0: the stream must not exist yet), or 'any' for no check.
 */
export type ExpectedRevision = number | 'any';

/**
 * The answer to a write, kept under its idempotency key in the same transaction as the events it
 * produced, so that a retried request gets it again and never appends twice.
 */
export interface IdempotencyRecord {
  /** The key's owner: keys belong to the actor who sent them. */
  readonly scope: string;
  readonly key: string;
  /** A digest of method, path and body: the same key with another request is refused. */
  readonly fingerprint: string;
  readonly status: number;
  readonly body: unknown;
}

export interface AppendOptions {
  readonly expectedRevision: ExpectedRevision;
  readonly idempotency?: IdempotencyRecord;
  /**
   * 'commitments' (the default): the store seals each event under hash scheme 2, a salted commitment
   * per value, so values can later be redacted without changing a hash (chain/commitments.ts).
   * 'as-recorded': the events carry their sealing in their metadata already and keep it (an import of
   * events exported from another store, whose hashes must come out the same).
   */
  readonly sealing?: 'commitments' | 'as-recorded';
}

export interface AppendResult {
  /** The stream's revision after the append: the revision of its last new event. */
  readonly nextRevision: number;
  /** Global position of each appended event, in order. */
  readonly positions: readonly number[];
}

export interface RevisionRange {
  /** First revision to read, inclusive (default 1). */
  readonly fromRevision?: number;
  /** Last revision to read, inclusive (default: the end). */
  readonly toRevision?: number;
}

export type Unsubscribe = () => void;

/** A wake-up after a commit, with the global position it reached when the store knows it. */
export type CommitWakeUp = (position?: number) => void;

/** A stored event's data and metadata as a redaction leaves them; its place, type and hash stay. */
export interface EventRewrite {
  readonly revision: number;
  readonly data: unknown;
  readonly metadata: Readonly<Record<string, unknown>>;
}

export interface EventStore {
  /**
   * Appends events to a stream, all or nothing. Throws `WrongExpectedRevisionError` when the stream is
   * not at `expectedRevision`, and `IdempotencyKeyTakenError` when the idempotency key is already
   * kept; in both cases nothing is written.
   */
  append(streamId: string, events: readonly NewEvent[], options: AppendOptions): Promise<AppendResult>;

  /** Reads a stream in revision order, in constant memory however long it is. */
  readStream(streamId: string, range?: RevisionRange): AsyncIterable<StoredEvent>;

  /**
   * `readStream` in the pages the store reads, with data and metadata left as JSON text. Optional, as
   * `readAllEncoded`: an adapter that keeps the text can hand it over unparsed, without an await per
   * event; `readStreamPages` (encoded-events.ts) does without.
   */
  readStreamEncodedPages?(streamId: string, range?: RevisionRange): AsyncIterable<readonly EncodedStoredEvent[]>;

  /** The stream's current revision; 0 when it does not exist. */
  streamRevision(streamId: string): Promise<number>;

  /** Events of every stream after `afterPosition` (exclusive), in global order, at most `limit`. */
  readAll(afterPosition: number, limit: number): Promise<StoredEvent[]>;

  /**
   * `readAll` with data and metadata left as JSON text. Optional: an adapter that keeps the text can
   * skip parsing it; `readAllEncoded` (encoded-events.ts) falls back to `readAll` for the others.
   */
  readAllEncoded?(afterPosition: number, limit: number): Promise<EncodedStoredEvent[]>;

  /**
   * Events of every stream before `beforePosition` (exclusive; the newest when undefined), newest
   * first, at most `limit`.
   */
  readAllBackwards(beforePosition: number | undefined, limit: number): Promise<StoredEvent[]>;

  /** Global position of the newest event; 0 for an empty store. */
  headPosition(): Promise<number>;

  /**
   * Calls `listener` after every successful append made through this instance, with the events
   * appended. A same-process hint only: what must see every event, whichever process wrote it,
   * follows the store with `subscribeToAll`.
   */
  onAppended(listener: (events: readonly StoredEvent[]) => void): Unsubscribe;

  /**
   * Wakes `listener` soon after events were committed by anyone using this store: at once for this
   * instance's own appends, within the adapter's follow interval for other processes and machines
   * (SQLite: a change check on a short timer; PostgreSQL: LISTEN/NOTIFY). A wake-up may come more
   * often than needed; a follower re-reads `readAll` from its own position. It may carry the global
   * position the commit reached (every event up to it is committed): a follower that has read that far
   * has nothing to look for. Without one (another process's commit on SQLite, a reconnect), look anyway.
   */
  onCommitted(listener: CommitWakeUp): Unsubscribe;

  /** The answer kept under an idempotency key, or undefined. */
  findIdempotency(scope: string, key: string): Promise<IdempotencyRecord | undefined>;

  /**
   * Optional, for redaction only (see redaction/erase-values.ts): replaces the data and metadata of
   * stored events in place, all or nothing, and erases the bytes they replace from the store's files
   * as far as the adapter can (SQLite: secure_delete and a truncating WAL checkpoint; PostgreSQL: a
   * VACUUM). Each rewrite must keep the event's hash: the adapter checks it again under its write lock
   * and refuses the whole call (`RewriteChangesHashError`) otherwise, so no redaction can ever alter
   * the record's proof. An adapter whose events are immutable (KurrentDB) does not have it.
   */
  rewriteEvents?(streamId: string, rewrites: readonly EventRewrite[]): Promise<void>;

  /** Flushes and releases what the store holds; nothing may be called afterwards. */
  close(): Promise<void>;
}
