import { Logger } from '@nestjs/common';
import { decodeStoryState, decodeStoryStateDelta, deltaBaseRevision, encodeStoryStateInPieces, storyStateDelta, type StoryState } from '@story-tracker/domain';
import { setImmediate as turn } from 'node:timers/promises';
import type { EventStore, SnapshotMark, SnapshotStore } from '@story-tracker/event-store';
import type { Folded } from './folded';
import { DELTA_CODE_VERSION, openedSnapshot, sealedSnapshot, SNAPSHOT_CODE_VERSION } from './snapshot-bytes';

/** A time mark (revision, event hash, latest record time) is kept at every multiple of this revision. */
export const SNAPSHOT_INTERVAL = 1000;
/** A state is kept at every multiple of this revision, however old (and, early on, closer: `keptForGood`)… */
export const SPARSE_SNAPSHOT_INTERVAL = 10_000;
/** The steps between the states kept for good, at most a quarter of their revision apart (`keptForGood`). */
const KEPT_STATE_STEPS = [SNAPSHOT_INTERVAL, 2 * SNAPSHOT_INTERVAL, 5 * SNAPSHOT_INTERVAL, SPARSE_SNAPSHOT_INTERVAL];
/** …and at the newest this many multiples of `recentStateStep` at or below the head. */
export const RECENT_SNAPSHOT_STATES = 2;
/** Recent states waiting to be encoded and written; past this one is not written (a later fold will). */
const MAX_PENDING_STATES = 2;
const KNOWN_STREAMS = 256;
/** States kept for good held in memory per stream as the bases of deltas: the one a fold passed last, and one a read decoded. */
const BASES_PER_STREAM = 2;
/** …for this many streams at most, the least recently kept let go first (a base of a long story holds tens of MiB). */
const BASE_STREAMS = 4;
const MARKS_TTL_MS = 30_000;
/**
 * A delta is kept, and read, only this many revisions or more above the whole state below it: reading
 * one costs reading its base too (on the bench's story tens of ms more than decoding a whole state,
 * what folding a few thousand events costs), so nearer a whole state folding from it is quicker.
 */
export const DELTA_MIN_GAIN = 3000;

/** A snapshot waiting to be written; `withState` goes false when its state is let go. */
interface Ticket {
  readonly streamId: string;
  readonly revision: number;
  withState: boolean;
}

/**
 * How far apart the newest states are kept: SNAPSHOT_INTERVAL, doubled while the stream is more than
 * sixteen times that long (up to SPARSE_SNAPSHOT_INTERVAL). A state's size grows with its revision, so
 * this keeps the encoding work per appended event about constant (a 100,000-event story: one state of
 * ≈ 35 MiB every 8,000 appends, not every 1,000) at the price of a longer fold after a restart.
 */
export function recentStateStep(head: number): number {
  let step = SNAPSHOT_INTERVAL;
  while (step * 16 < head && step * 2 <= SPARSE_SNAPSHOT_INTERVAL) step *= 2;
  return step;
}

/**
 * Whether the state at `revision` is kept on disk for good, whatever the head: at multiples of the
 * widest step in KEPT_STATE_STEPS that is at most a quarter of the revision (4,000 to 7,000; then
 * every 2,000 to 18,000; 20,000 to 35,000 every 5,000; every 10,000 from there). A read after a restart
 * decodes the nearest state at or below what it asks for and folds the rest, and decoding costs about
 * what folding a tenth as many events does (0.6–2.5 µs a revision against ≈ 30 µs an event in the API,
 * see story-loader.service.ts): so no read folds for much longer than the decoding takes. Below 4,000 nothing is kept for good (a fold from the start
 * is a few tens of ms). On disk, a state is about 0.35 MiB per 1,000 revisions; the states below 40,000
 * add ≈ 50 MiB to the ≈ 190 of every 10,000th for a 100,000-event story.
 */
export function keptForGood(revision: number): boolean {
  let step: number | undefined;
  for (const candidate of KEPT_STATE_STEPS) if (candidate * 4 <= revision) step = candidate;
  return step !== undefined && revision % step === 0;
}

/** The highest revision below this one whose state is kept for good (undefined below the first). */
export function keptForGoodBelow(revision: number): number | undefined {
  for (let below = Math.floor((revision - 1) / SNAPSHOT_INTERVAL) * SNAPSHOT_INTERVAL; below > 0; below -= SNAPSHOT_INTERVAL) {
    if (keptForGood(below)) return below;
  }
  return undefined;
}

/** Whether a delta of the state at `revision` is kept, over the state kept for good below it (see DELTA_MIN_GAIN). */
export function keepsDelta(revision: number): boolean {
  if (revision % SNAPSHOT_INTERVAL !== 0 || keptForGood(revision)) return false;
  const under = keptForGoodBelow(revision);
  return under !== undefined && revision - under >= DELTA_MIN_GAIN;
}

/** Whether the state at `revision` is kept on disk while the stream is at `head`. */
export function keepsState(revision: number, head: number): boolean {
  if (revision < 1 || revision % SNAPSHOT_INTERVAL !== 0 || revision > head) return false;
  if (keptForGood(revision)) return true;
  const step = recentStateStep(head);
  return revision % step === 0 && head - revision < RECENT_SNAPSHOT_STATES * step;
}

/** What a fold reports as it passes each multiple of SNAPSHOT_INTERVAL; `done` once it knows the head. */
export interface FoldRecorder {
  passed(folded: Folded, eventHash: string): void;
  done(headRevision: number): void;
}

/**
 * The persistent side of the story loader: snapshots of folded states in the store's `SnapshotStore`,
 * under `SNAPSHOT_CODE_VERSION` (anything else is never read). A snapshot is used only after the
 * stream's own event at its revision was read and has the hash stored with it, so a stream whose
 * events differ (a file replaced, an import) never gets another history's state: such rows are removed.
 *
 * Writing is off the request's path: a fold only notes what it passed; encoding and saving run one at
 * a time on later turns of the event loop. Every state kept for good passed waits its turn; of the recent ones
 * at most MAX_PENDING_STATES wait (more are simply not written now). A failure to write is logged and
 * changes nothing else.
 */
export class SnapshotKeeper {
  private readonly logger = new Logger('StoryLoader');
  private readonly known = new Map<string, Map<number, SnapshotMark>>();
  private readonly listedAt = new Map<string, number>();
  private queue: Promise<void> = Promise.resolve();
  private readonly pending = new Set<Ticket>();
  private stopped = false;
  /** Per stream, how often it was forgotten: a write noted before that must not land after. */
  private readonly epochs = new Map<string, number>();
  /** Per stream, the revisions that have a delta (listed with the marks). */
  private readonly deltas = new Map<string, Set<number>>();
  /**
   * Per stream, the last BASES_PER_STREAM states kept for good that a fold passed or a read decoded,
   * in memory: the bases of the deltas written at the revisions after them (see `writeDelta`).
   */
  private readonly bases = new Map<string, { readonly folded: Folded; readonly epoch: number }[]>();

  constructor(
    private readonly store: EventStore,
    private readonly snapshots: SnapshotStore,
  ) {}

  /** The stream's marks under this code version, by revision (read once, then kept up to date). */
  async marks(streamId: string): Promise<ReadonlyMap<number, SnapshotMark>> {
    let marks = this.known.get(streamId);
    // Listed again now and then, so that what other instances wrote is used too.
    if (marks && Date.now() - (this.listedAt.get(streamId) ?? 0) > MARKS_TTL_MS) marks = undefined;
    if (!marks) {
      try {
        marks = new Map((await this.snapshots.marks(streamId, SNAPSHOT_CODE_VERSION)).map((mark) => [mark.revision, mark]));
        const deltas = await this.snapshots.marks(streamId, DELTA_CODE_VERSION);
        this.deltas.set(streamId, new Set(deltas.filter((mark) => mark.hasState).map((mark) => mark.revision)));
      } catch (error) {
        this.logger.warn(`Could not list the snapshots of ${streamId}; folding without them: ${messageOf(error)}`);
        return new Map();
      }
      this.known.delete(streamId);
      this.known.set(streamId, marks);
      this.listedAt.set(streamId, Date.now());
      if (this.known.size > KNOWN_STREAMS) {
        const oldest = this.known.keys().next().value!;
        this.known.delete(oldest);
        this.listedAt.delete(oldest);
        this.deltas.delete(oldest);
        this.bases.delete(oldest);
      }
    }
    return marks;
  }

  /** The newest mark holding a state, whole or as a delta, at or below `revision`. */
  async nearestState(streamId: string, revision: number): Promise<SnapshotMark | undefined> {
    const marks = await this.marks(streamId);
    const { whole, delta } = this.nearest(streamId, marks, revision);
    return (delta !== undefined ? marks.get(delta) : undefined) ?? whole;
  }

  /**
   * The newest whole state at or below `revision`, and the delta to read instead where there is one
   * at least DELTA_MIN_GAIN above it (see DELTA_MIN_GAIN).
   */
  private nearest(streamId: string, marks: ReadonlyMap<number, SnapshotMark>, revision: number): { whole?: SnapshotMark; delta?: number } {
    const whole = this.nearestWhole(marks, revision);
    const delta = this.nearestDelta(streamId, revision);
    return delta !== undefined && delta - (whole?.revision ?? 0) >= DELTA_MIN_GAIN ? { whole, delta } : { whole };
  }

  private nearestWhole(marks: ReadonlyMap<number, SnapshotMark>, revision: number): SnapshotMark | undefined {
    let best: SnapshotMark | undefined;
    for (const mark of marks.values()) {
      if (mark.hasState && mark.revision <= revision && (!best || mark.revision > best.revision)) best = mark;
    }
    return best;
  }

  private nearestDelta(streamId: string, revision: number): number | undefined {
    let best: number | undefined;
    for (const at of this.deltas.get(streamId) ?? []) if (at <= revision && (best === undefined || at > best)) best = at;
    return best;
  }

  /**
   * The newest snapshot at or below `revision` that matches the stream, decoded; undefined when there
   * is none. Rows that do not match (another history, bytes that do not decode) are removed.
   */
  async load(streamId: string, revision: number): Promise<Folded | undefined> {
    // Taken first: a state read before a redaction forgot the stream is never kept as a base after it.
    const epoch = this.epochs.get(streamId) ?? 0;
    const { delta } = this.nearest(streamId, await this.marks(streamId), revision);
    if (delta !== undefined) {
      const loaded = await this.loadDelta(streamId, delta);
      if (loaded) return loaded;
    }
    return this.loadWhole(streamId, revision, epoch);
  }

  /** The newest whole state at or below `revision` that matches the stream (see load). */
  private async loadWhole(streamId: string, revision: number, epoch: number): Promise<Folded | undefined> {
    let atOrBefore = revision;
    for (let attempt = 0; attempt < 3; attempt++) {
      let snapshot;
      try {
        snapshot = await this.snapshots.nearest(streamId, atOrBefore, SNAPSHOT_CODE_VERSION);
      } catch (error) {
        this.logger.warn(`Could not read a snapshot of ${streamId}; folding from the start: ${messageOf(error)}`);
        return undefined;
      }
      if (!snapshot) return undefined;
      if (await this.matchesStream(streamId, snapshot.revision, snapshot.eventHash)) {
        try {
          const state = decodeStoryState(openedSnapshot(snapshot.state));
          if (state.revision === snapshot.revision) {
            const folded = { state, recordedAt: snapshot.recordedAt };
            if (keptForGood(state.revision)) this.keepBase(streamId, folded, epoch);
            return folded;
          }
        } catch (error) {
          this.logger.warn(`The snapshot of ${streamId} at revision ${snapshot.revision} does not decode: ${messageOf(error)}`);
        }
      } else {
        this.logger.warn(`The snapshot of ${streamId} at revision ${snapshot.revision} is of other events than the stream's; removed`);
      }
      await this.discard(streamId, snapshot.revision);
      atOrBefore = snapshot.revision - 1;
    }
    return undefined;
  }

  /**
   * The state at `revision` from its delta and the whole state it was written over; undefined when
   * either cannot be used (the delta is then removed: gone, of other events, not decoding, no base) or
   * could not be read (the store failed: the delta stays, for the next read).
   */
  private async loadDelta(streamId: string, revision: number): Promise<Folded | undefined> {
    try {
      return await this.readDelta(streamId, revision);
    } catch (error) {
      if (!(error instanceof UnusableDelta)) {
        this.logger.warn(`Could not read the delta of ${streamId} at revision ${revision}; reading a whole state: ${messageOf(error)}`);
        return undefined;
      }
      this.logger.warn(`The delta of ${streamId} at revision ${revision} ${error.message}; removed`);
    }
    this.deltas.get(streamId)?.delete(revision);
    await this.snapshots.remove(streamId, DELTA_CODE_VERSION, [revision]).catch((error: unknown) => {
      this.logger.warn(`Could not remove the delta of ${streamId} at revision ${revision}: ${messageOf(error)}`);
    });
    return undefined;
  }

  /** See loadDelta: throws UnusableDelta for a delta that cannot be used, anything else for a store that failed. */
  private async readDelta(streamId: string, revision: number): Promise<Folded> {
    const delta = await this.snapshots.nearest(streamId, revision, DELTA_CODE_VERSION);
    if (delta?.revision !== revision) throw new UnusableDelta('is gone');
    if (!(await this.matchesStream(streamId, revision, delta.eventHash))) throw new UnusableDelta("is of other events than the stream's");
    const deltaBytes = decoded(() => openedSnapshot(delta.state));
    const baseRevision = decoded(() => deltaBaseRevision(deltaBytes));
    const base = await this.snapshots.nearest(streamId, baseRevision, SNAPSHOT_CODE_VERSION);
    if (base?.revision !== baseRevision || !(await this.matchesStream(streamId, baseRevision, base.eventHash))) {
      throw new UnusableDelta(`has no whole state of the stream under it (at revision ${baseRevision})`);
    }
    const state = decoded(() => decodeStoryStateDelta(openedSnapshot(base.state), deltaBytes));
    if (state.revision !== revision) throw new UnusableDelta(`holds the state at revision ${state.revision}`);
    return { state, recordedAt: delta.recordedAt };
  }

  /** Whether the stream's event at `revision` has this hash (the chain makes it cover every event before it). */
  async matchesStream(streamId: string, revision: number, eventHash: string): Promise<boolean> {
    for await (const event of this.store.readStream(streamId, { fromRevision: revision, toRevision: revision })) return event.hash === eventHash;
    return false;
  }

  /** A mark found not to match its stream: gone from the store and from what is known. */
  async discard(streamId: string, revision: number): Promise<void> {
    this.known.get(streamId)?.delete(revision);
    await this.snapshots.remove(streamId, SNAPSHOT_CODE_VERSION, [revision]).catch((error: unknown) => {
      this.logger.warn(`Could not remove the snapshot of ${streamId} at revision ${revision}: ${messageOf(error)}`);
    });
  }

  /** Notes a time mark passed by a read that does not fold (a lookup by record time). */
  noteMark(streamId: string, revision: number, eventHash: string, recordedAt: number): void {
    if (revision % SNAPSHOT_INTERVAL !== 0 || this.known.get(streamId)?.has(revision)) return;
    const mark: SnapshotMark = { streamId, revision, codeVersion: SNAPSHOT_CODE_VERSION, eventHash, recordedAt, hasState: false };
    this.enqueue(async () => {
      await this.snapshots.save(mark);
      const marks = this.known.get(streamId);
      if (marks && !marks.has(revision)) marks.set(revision, mark);
    }, `saving the time mark of ${streamId} at revision ${revision}`);
  }

  /**
   * For one fold, taken before it reads anything: what it passes is written under the stream's epoch
   * as it is now, so a fold that read the events before the stream was forgotten (a redaction erased
   * some of what it read) writes nothing, however late it passes a snapshot's revision.
   */
  recorder(streamId: string): FoldRecorder {
    const recent: { folded: Folded; eventHash: string }[] = [];
    const epoch = this.epochs.get(streamId) ?? 0;
    const write = (folded: Folded, eventHash: string, withState: boolean) => this.write(streamId, folded, eventHash, withState, epoch);
    return {
      passed: (folded, eventHash) => {
        const { revision } = folded.state;
        if (revision % SNAPSHOT_INTERVAL !== 0) return;
        if (keepsDelta(revision)) this.writeDelta(streamId, folded, eventHash, epoch);
        if (keptForGood(revision)) {
          this.keepBase(streamId, folded, epoch);
          write(folded, eventHash, true);
        } else if (revision % recentStateStep(revision) !== 0) write(folded, eventHash, false);
        else {
          recent.push({ folded, eventHash });
          if (recent.length > RECENT_SNAPSHOT_STATES) {
            const older = recent.shift()!;
            write(older.folded, older.eventHash, false);
          }
        }
      },
      done: (headRevision) => {
        for (const { folded, eventHash } of recent) write(folded, eventHash, keepsState(folded.state.revision, headRevision));
        if (recent.length > 0) this.prune(streamId, headRevision);
      },
    };
  }

  /**
   * Removes every snapshot of the stream once the writes queued before are done, and refuses those
   * queued later from states folded before (their epoch is older).
   */
  async forget(streamId: string): Promise<void> {
    this.epochs.set(streamId, (this.epochs.get(streamId) ?? 0) + 1);
    this.known.delete(streamId);
    this.deltas.delete(streamId);
    this.bases.delete(streamId);
    this.listedAt.delete(streamId);
    const done = this.queue.then(() => this.snapshots.forget(streamId));
    this.queue = done.catch(() => undefined);
    await done;
    // Listed again while the store's rows were still there (a read in between): not so any more.
    this.known.delete(streamId);
    this.deltas.delete(streamId);
  }

  /** Resolves once everything queued so far was written (or given up); for tests and shutdown. */
  flushed(): Promise<void> {
    return this.queue;
  }

  stop(): void {
    this.stopped = true;
  }

  private write(streamId: string, folded: Folded, eventHash: string, withState: boolean, epoch: number): void {
    const { revision } = folded.state;
    const known = this.known.get(streamId)?.get(revision);
    const ticket = { streamId, revision, withState: withState && !known?.hasState };
    // The same state already waiting (two folds passed it): once is enough.
    if (ticket.withState && [...this.pending].some((waiting) => waiting.streamId === streamId && waiting.revision === revision)) ticket.withState = false;
    if (known && !ticket.withState) return;
    if (ticket.withState) this.hold(ticket);
    const mark = { streamId, revision, codeVersion: SNAPSHOT_CODE_VERSION, eventHash, recordedAt: folded.recordedAt };
    // Only the mark is noted now; the state is encoded when its turn comes, off this fold's path.
    this.enqueue(async () => {
      if ((this.epochs.get(streamId) ?? 0) !== epoch) return this.release(ticket);
      const withState = ticket.withState;
      this.release(ticket);
      await this.snapshots.save({ ...mark, ...(withState && { state: await encodeTakingTurns(folded.state) }) });
      const marks = this.known.get(streamId);
      if (marks && !marks.get(revision)?.hasState) marks.set(revision, { ...mark, hasState: withState });
    }, `saving the snapshot of ${streamId} at revision ${revision}`);
  }

  /** A state kept for good, in memory as the base of the deltas above it (of this epoch only; the oldest kept is let go). */
  private keepBase(streamId: string, folded: Folded, epoch: number): void {
    if (epoch !== (this.epochs.get(streamId) ?? 0)) return;
    const kept = (this.bases.get(streamId) ?? []).filter((base) => base.epoch === epoch && base.folded.state.revision !== folded.state.revision);
    this.bases.delete(streamId);
    this.bases.set(streamId, [...kept, { folded, epoch }].slice(-BASES_PER_STREAM));
    if (this.bases.size > BASE_STREAMS) this.bases.delete(this.bases.keys().next().value!);
  }

  /**
   * Queues the delta of a state passed at a revision that keeps no whole state for good, over the
   * latest one kept for good below it (in memory: folded by this process or decoded by a read), unless
   * one is there already. Nothing is written where `storyStateDelta` cannot tell the base's lines (a
   * fold that started from another decoded state); a later fold from the base will.
   */
  private writeDelta(streamId: string, folded: Folded, eventHash: string, epoch: number): void {
    const { revision } = folded.state;
    const under = keptForGoodBelow(revision);
    const base = this.bases.get(streamId)?.find((kept) => kept.epoch === epoch && kept.folded.state.revision === under);
    if (!base || this.deltas.get(streamId)?.has(revision)) return;
    const mark = { streamId, revision, codeVersion: DELTA_CODE_VERSION, eventHash, recordedAt: folded.recordedAt };
    this.enqueue(async () => {
      if ((this.epochs.get(streamId) ?? 0) !== epoch || this.deltas.get(streamId)?.has(revision)) return;
      const pieces = storyStateDelta(folded.state, base.folded.state, PIECE_ENTRIES);
      if (!pieces) return;
      await this.snapshots.save({ ...mark, state: await sealTakingTurns(pieces) });
      this.deltas.get(streamId)?.add(revision);
    }, `saving the delta of ${streamId} at revision ${revision}`);
  }

  /**
   * Every state kept for good (`keptForGood`) waits to be written: a first fold of a long story
   * passes them all at once (dropping them left reads between
   * them folding tens of thousands of events after every restart). Of the recent ones at most
   * MAX_PENDING_STATES wait; past that the lowest revision waiting is let go (its mark is still written),
   * so a long fold leaves the states nearest its end. The states of one fold share structure, so waiting
   * costs far less memory than a whole state each.
   */
  private hold(ticket: Ticket): void {
    this.pending.add(ticket);
    const recent = [...this.pending].filter((waiting) => !keptForGood(waiting.revision));
    if (recent.length <= MAX_PENDING_STATES) return;
    const lowest = recent.reduce((low, waiting) => (waiting.revision < low.revision ? waiting : low));
    lowest.withState = false;
    this.pending.delete(lowest);
  }

  private release(ticket: Ticket): void {
    this.pending.delete(ticket);
  }

  /** Drops the states no longer kept now that the stream is at `head` (the marks stay, for time lookups). */
  private prune(streamId: string, head: number): void {
    this.enqueue(async () => {
      await this.marks(streamId);
      const marks = this.known.get(streamId) ?? new Map<number, SnapshotMark>();
      const stale = [...marks.values()].filter((mark) => mark.hasState && !keepsState(mark.revision, head)).map((mark) => mark.revision);
      if (stale.length === 0) return;
      await this.snapshots.dropStates(streamId, SNAPSHOT_CODE_VERSION, stale);
      for (const revision of stale) marks.set(revision, { ...marks.get(revision)!, hasState: false });
    }, `pruning the snapshots of ${streamId}`);
  }

  private enqueue(job: () => Promise<void>, doing: string): void {
    this.queue = this.queue
      .then(() => new Promise<void>((resolve) => setImmediate(resolve)))
      .then(() => (this.stopped ? undefined : job()))
      .catch((error: unknown) => {
        if (!this.stopped) this.logger.warn(`Failed ${doing} (reads and writes go on without it): ${messageOf(error)}`);
      });
  }
}

/** A delta that cannot be used (see loadDelta), as opposed to a store that could not be read. */
class UnusableDelta extends Error {}

/** What `decode` gives; an UnusableDelta, saying why, where it throws. */
function decoded<T>(decode: () => T): T {
  try {
    return decode();
  } catch (error) {
    throw new UnusableDelta(`does not decode: ${messageOf(error)}`);
  }
}

function messageOf(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}

/**
 * A state's bytes, encoded a piece at a time with a turn of the event loop between pieces: the state
 * of a long story is tens of MiB of JSON, and encoding it in one go held every request for up to a
 * second.
 */
/** Entries of the large collections per piece: about a millisecond or two of encoding. */
const PIECE_ENTRIES = 250;

function encodeTakingTurns(state: StoryState): Promise<Uint8Array> {
  return sealTakingTurns(encodeStoryStateInPieces(state, PIECE_ENTRIES));
}

async function sealTakingTurns(encoding: Iterable<Uint8Array>): Promise<Uint8Array> {
  const pieces: Uint8Array[] = [];
  for (const piece of encoding) {
    pieces.push(piece);
    await turn();
  }
  return sealedSnapshot(pieces);
}
