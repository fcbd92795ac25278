/**
 * The port for persistent snapshots of a stream's folded state, kept beside the events in the same
 * store (a table of the SQLite file, of the PostgreSQL database, a stream per story in KurrentDB).
 * The store knows nothing of what a state is: it keeps bytes under the code version that made them,
 * with the revision and the event hash they were folded up to, so a reader can check them against the
 * stream before trusting them. Everything here is a cache: deleting any of it loses nothing but time.
 */

/** Where a snapshot stands in its stream, without its state: cheap to list for a whole story. */
export interface SnapshotMark {
  readonly streamId: string;
  /** The stream revision the state was folded up to (≥ 1). */
  readonly revision: number;
  /** The code that folded and encoded it; a reader ignores every other version. */
  readonly codeVersion: string;
  /** The stream's event hash at `revision`: equal only if the stream's events 1..revision are the same. */
  readonly eventHash: string;
  /** The latest record time (ms since the epoch) of events 1..revision, for reads "as of" a time. */
  readonly recordedAt: number;
  /** Whether the row holds the state itself (a mark alone still serves time lookups). */
  readonly hasState: boolean;
}

export interface Snapshot extends SnapshotMark {
  /**
   * The state's bytes as the store keeps them: one piece, or several to be read one after the other
   * (a large state is stored in pieces, and a reader that can take them so need not join them).
   */
  readonly state: readonly Uint8Array[];
}

export interface NewSnapshot {
  readonly streamId: string;
  readonly revision: number;
  readonly codeVersion: string;
  readonly eventHash: string;
  readonly recordedAt: number;
  /** The encoded state; absent for a time mark only. */
  readonly state?: Uint8Array;
}

export interface SnapshotStore {
  /**
   * Keeps a snapshot (or a mark). Saving what is already there is no error, from any number of writers
   * at once: the first one kept stays, except that a state fills a mark saved without one (for the
   * same event hash).
   */
  save(snapshot: NewSnapshot): Promise<void>;

  /** The snapshot with a state at the highest revision ≤ `atOrBefore` under `codeVersion`, or undefined. */
  nearest(streamId: string, atOrBefore: number, codeVersion: string): Promise<Snapshot | undefined>;

  /** Every mark of the stream under `codeVersion` (with or without a state), in revision order. */
  marks(streamId: string, codeVersion: string): Promise<SnapshotMark[]>;

  /** Drops the states at these revisions and keeps their marks (pruning). */
  dropStates(streamId: string, codeVersion: string, revisions: readonly number[]): Promise<void>;

  /** Removes these rows altogether (a snapshot found not to match its stream). */
  remove(streamId: string, codeVersion: string, revisions: readonly number[]): Promise<void>;

  /**
   * Removes every snapshot of the stream, under every code version, and erases their bytes as the
   * store can (a redaction: states folded before it hold the values it took out, and their event
   * hashes still match the stream, so nothing else would ever refuse them).
   */
  forget(streamId: string): Promise<void>;
}

/** Checks what a caller hands to `save`, the same way for every adapter. */
export function assertNewSnapshot(snapshot: NewSnapshot): void {
  if (typeof snapshot.streamId !== 'string' || snapshot.streamId === '') throw new RangeError('A snapshot needs a stream id');
  if (!Number.isSafeInteger(snapshot.revision) || snapshot.revision < 1) throw new RangeError(`A snapshot revision must be a whole number ≥ 1, not ${snapshot.revision}`);
  if (typeof snapshot.codeVersion !== 'string' || snapshot.codeVersion === '') throw new RangeError('A snapshot needs a code version');
  if (typeof snapshot.eventHash !== 'string' || snapshot.eventHash === '') throw new RangeError('A snapshot needs the event hash at its revision');
  if (!Number.isFinite(snapshot.recordedAt)) throw new RangeError(`A snapshot's recordedAt must be a number of ms, not ${snapshot.recordedAt}`);
  if (snapshot.state !== undefined && !(snapshot.state instanceof Uint8Array)) throw new TypeError('A snapshot state is bytes (Uint8Array)');
}
