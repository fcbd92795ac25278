import { Inject, Injectable, Optional, type OnModuleDestroy } from '@nestjs/common';
import { DomainError, FoldInPlace, STORY_STREAM_PREFIX, storyDecider, storyIdOfStream, storyStreamName, toRecordedStoryEvent, type RecordedStoryEvent, type StoryState } from '@story-tracker/domain';
import { NoSnapshotStore, snapshotsOf, type EventStore, type NewEvent, type SnapshotMark, type SnapshotStore, type StoredEvent, type Unsubscribe } from '@story-tracker/event-store';
import { EVENT_STORE, SNAPSHOT_STORE } from '@story-tracker/runtime';
import { KeyedQueue } from '../common/keyed-queue';
import { ApiError } from '../errors/api-error';
import { laterRecordedAt, type Folded } from './folded';
import { SNAPSHOT_INTERVAL, SnapshotKeeper, type FoldRecorder } from './snapshot-keeper';
import { isCheckpointRevision, StoryMemory, type CheckpointLine } from './story-checkpoints';

export { CHECKPOINT_INTERVAL, EARLY_CHECKPOINT_INTERVAL } from './story-checkpoints';
export { RECENT_SNAPSHOT_STATES, SNAPSHOT_INTERVAL, SPARSE_SNAPSHOT_INTERVAL } from './snapshot-keeper';

const INDEXED_STORIES = 128;
/** States folded ahead kept per story: more than one story's appends in flight at once ever are. */
const MAX_STATES_AHEAD = 64;

/** A state folded ahead, with what tells its event from any other at that revision. */
interface StateAhead {
  readonly state: StoryState;
  readonly type: string;
  readonly recordedAt: unknown;
  readonly correlationId: unknown;
}
const YIELD_EVERY = 1000;
/**
 * What folding one event and decoding one revision's worth of a snapshot cost, roughly (µs, measured on
 * the bench's 100,000-event story, 3 December): a snapshot is decoded instead of folding on from a
 * checkpoint in memory only when that is cheaper. Decoding reads the state's bytes and its header,
 * parsing none of its entries (story-state.codec.ts); a delta reads its base's bytes and header too:
 * 0.6–1.5 µs a revision for a whole state, 1.5–2.5 for a delta (the state at 83,000 from its delta
 * over 80,000: 100–200 ms), which is where the choice is made. Folding in the API under reads: 20–60,
 * median 30 µs an event (reading and parsing the rows ≈ 10, evolve ≈ 13, keeping checkpoints ≈ 5);
 * at 20 the loader folded 6,000 to 10,000 events (200–330 ms) where a delta took half that.
 */
const FOLD_COST_PER_EVENT = 30;
const DECODE_COST_PER_REVISION = 2.5;

/**
 * Loads a story from its stream, for the write path and the reads alike: the latest state, the state
 * at any revision or record time (time travel), and its events upcast.
 *
 * Nothing long is folded after a start: the store keeps snapshots of folded states (SnapshotKeeper: a
 * time mark every SNAPSHOT_INTERVAL revisions, states at some of them), checked against the stream's
 * event hash before use, and written by whichever fold passes them. In memory, a story keeps its head
 * (once something asked for it) and a few lines of checkpoints sharing structure with it or with a
 * decoded snapshot (story-checkpoints.ts), so a read near an earlier one is a short fold.
 */
@Injectable()
export class StoryLoader implements OnModuleDestroy {
  private readonly memory = new Map<string, StoryMemory>();
  /** One catch-up of the head at a time per story, so concurrent readers never fold the same events twice. */
  private readonly catchingUp = new KeyedQueue();
  private readonly keeper: SnapshotKeeper;
  private readonly stopFollowingAppends: Unsubscribe;
  /** Per story, the states `foldAhead` gave for appends not landed yet, by revision (see foldOwnAppends). */
  private readonly statesAhead = new Map<string, Map<number, StateAhead>>();

  constructor(@Inject(EVENT_STORE) private readonly store: EventStore, @Optional() @Inject(SNAPSHOT_STORE) snapshots?: SnapshotStore) {
    this.keeper = new SnapshotKeeper(store, snapshots ?? snapshotsOf(store) ?? new NoSnapshotStore());
    this.stopFollowingAppends = store.onAppended((events) => this.foldOwnAppends(events));
  }

  onModuleDestroy(): void {
    this.stopFollowingAppends();
    this.keeper.stop();
    // A closed app may still be referenced (a test, the bench's restart): it holds no story's states.
    this.memory.clear();
    this.statesAhead.clear();
  }

  /**
   * The head this instance holds of the story, without asking the store whether anyone appended
   * since: for the write path, which decides on it and appends with its revision as the expected one,
   * so a head that was behind (another instance wrote) is refused by the store and the write decided
   * again on the head caught up. Undefined when no head is in memory or its catch-up is under way.
   */
  knownHead(storyId: string): StoryState | undefined {
    if (this.catchingUp.busy(storyId)) return undefined;
    return this.memory.get(storyId)?.head?.state;
  }

  /**
   * The story once these new events are committed after `state`, folded from what the store will give
   * back (their JSON): for the write path, which decides the next command on it before they commit.
   * Each state is kept until its event lands as one of this instance's appends, and then taken as the
   * head instead of folding the event a second time. Revisions are never reused, so the state folded
   * ahead for revision r is the one the store's event r gives, when that is this event (its type, record
   * time and request id tell it from any other append of this instance to that revision).
   */
  foldAhead(storyId: string, state: StoryState, events: readonly NewEvent[]): StoryState {
    const states = this.statesAhead.get(storyId) ?? new Map<number, StateAhead>();
    let folded = state;
    events.forEach((event, index) => {
      const recorded = toRecordedStoryEvent({ type: event.type, data: JSON.parse(JSON.stringify(event.data)), revision: state.revision + index + 1, metadata: event.metadata });
      folded = storyDecider.evolve(folded, recorded);
      states.set(folded.revision, { state: folded, type: event.type, recordedAt: event.metadata['recordedAt'], correlationId: event.metadata['correlationId'] });
    });
    // Appends that failed leave their states behind until a later one lands: bounded, oldest first.
    for (const revision of states.keys()) if (states.size > MAX_STATES_AHEAD) states.delete(revision);
    this.statesAhead.delete(storyId);
    this.statesAhead.set(storyId, states);
    if (this.statesAhead.size > INDEXED_STORIES) this.statesAhead.delete(this.statesAhead.keys().next().value!);
    return folded;
  }

  /** The latest state; for a story that does not exist, the empty state (`exists: false`). */
  async current(storyId: string): Promise<StoryState> {
    return (await this.catchUp(storyId)).state;
  }

  /**
   * StoryNotFound unless the story exists, from the stream's head alone: for reads that walk the raw
   * stream themselves (audit, export, live), without folding the story first.
   */
  async assertExists(storyId: string): Promise<void> {
    if ((await this.store.streamRevision(storyStreamName(storyId))) === 0) throw notFound(storyId);
  }

  /** The latest state of an existing story; StoryNotFound otherwise. */
  async latest(storyId: string): Promise<StoryState> {
    const head = await this.current(storyId);
    if (!head.exists) throw notFound(storyId);
    return head;
  }

  /** RevisionNotFound unless the story has `revision` (0 is the story before it was opened). */
  async assertRevision(storyId: string, revision: number): Promise<void> {
    revisionIn(storyId, revision, await this.headRevision(storyId));
  }

  /** The state right after `revision`; 0 is the story before it was opened. */
  async stateAt(storyId: string, revision: number): Promise<StoryState> {
    const recorder = this.recorderOf(storyId);
    const head = revisionIn(storyId, revision, await this.headRevision(storyId));
    const known = this.memory.get(storyId)?.head;
    if (known?.state.revision === revision) return known.state;
    const memory = this.memoryOf(storyId);
    const { folded, line } = await this.startFor(storyId, memory, revision);
    return (await this.fold(storyId, folded, line, recorder, head, revision)).state;
  }

  /** The last revision recorded at or before `asOf`; RevisionNotFound before the story was opened. */
  async revisionAsOf(storyId: string, asOf: Date): Promise<number> {
    const time = asOf.getTime();
    const head = await this.headRevision(storyId);
    const known = this.memory.get(storyId)?.head;
    if (known?.state.revision === head && known.recordedAt <= time) return head;
    const stream = storyStreamName(storyId);
    // The marks' record times grow with their revision: start from the last one at or before the time.
    const marks = [...(await this.keeper.marks(stream)).values()].sort((a, b) => a.revision - b.revision);
    let start: SnapshotMark | undefined;
    for (const mark of marks) {
      if (mark.recordedAt > time) break;
      start = mark;
    }
    if (start && !(await this.keeper.matchesStream(stream, start.revision, start.eventHash))) {
      await this.keeper.discard(stream, start.revision);
      start = undefined;
    }
    let revision = start?.revision ?? 0;
    let latest = start?.recordedAt ?? 0;
    let createdAt = 0;
    for await (const stored of this.store.readStream(stream, { fromRevision: revision + 1 })) {
      const next = laterRecordedAt(latest, stored.metadata['recordedAt']);
      if (stored.revision === 1) createdAt = next;
      if (next > time) break;
      [revision, latest] = [stored.revision, next];
      this.keeper.noteMark(stream, revision, stored.hash, latest);
    }
    if (revision === 0) {
      throw new ApiError('RevisionNotFound', `Story ${storyId} did not exist yet at ${asOf.toISOString()}`, { createdAt: new Date(createdAt).toISOString() });
    }
    return revision;
  }

  /** Events of a revision range, upcast to their current shape. */
  async *events(storyId: string, fromRevision: number, toRevision?: number): AsyncIterable<RecordedStoryEvent> {
    const range = { fromRevision, ...(toRevision !== undefined && { toRevision }) };
    for await (const stored of this.store.readStream(storyStreamName(storyId), range)) yield toRecordedStoryEvent(stored);
  }

  /**
   * Forgets everything kept of the story: its states in memory (at every checkpoint) and its persistent
   * snapshots, after the snapshot writes already queued (which would otherwise put old states back);
   * nor do the reads under way put back what they fold (see recorderOf).
   * For a redaction: those states hold the values it takes out, and nothing else would refuse them,
   * since the events' hashes do not change.
   */
  async forget(storyId: string): Promise<void> {
    this.memory.delete(storyId);
    this.statesAhead.delete(storyId);
    await this.keeper.forget(storyStreamName(storyId));
    this.memory.delete(storyId);
    this.statesAhead.delete(storyId);
  }

  /** Resolves once the snapshots noted so far are written (or given up); for tests. */
  snapshotsWritten(): Promise<void> {
    return this.keeper.flushed();
  }

  /** The head's revision: from the head in memory, caught up; otherwise one read of the stream's head. */
  private async headRevision(storyId: string): Promise<number> {
    const revision = this.memory.get(storyId)?.head
      ? (await this.catchUp(storyId)).state.revision
      : await this.store.streamRevision(storyStreamName(storyId));
    if (revision === 0) throw notFound(storyId);
    return revision;
  }

  private catchUp(storyId: string): Promise<Folded> {
    return this.catchingUp.run(storyId, () => this.extendHead(storyId));
  }

  private async extendHead(storyId: string): Promise<Folded> {
    const recorder = this.recorderOf(storyId);
    const known = this.memory.get(storyId);
    if (known?.head && known.headLine) {
      known.head = await this.fold(storyId, known.head, known.headLine, recorder);
      return known.head;
    }
    const head = await this.store.streamRevision(storyStreamName(storyId));
    if (head === 0) return { state: storyDecider.initialState, recordedAt: 0 };
    const memory = this.memoryOf(storyId);
    const { folded, line } = await this.startFor(storyId, memory, head, true);
    memory.head = await this.fold(storyId, folded, line, recorder);
    return memory.head;
  }

  /**
   * Taken before a read of the story starts, so that what it folds is written as snapshots only if
   * the story is not forgotten meanwhile (a redaction may erase what it read). Its states in memory
   * need no such guard: forget drops the story's memory, and a fold under way keeps folding into
   * what nothing refers to any more.
   */
  private recorderOf(storyId: string): FoldRecorder {
    return this.keeper.recorder(storyStreamName(storyId));
  }

  /**
   * Where a fold to `revision` starts: the nearest checkpoint in memory, or a snapshot from the store
   * when decoding it is cheaper than folding on from there (it then starts a line of its own).
   */
  private async startFor(storyId: string, memory: StoryMemory, revision: number, forHead = false): Promise<{ folded: Folded; line: CheckpointLine }> {
    const stream = storyStreamName(storyId);
    const nearest = memory.nearest(revision);
    const gap = revision - nearest.folded.state.revision;
    if (gap >= SNAPSHOT_INTERVAL) {
      const mark = await this.keeper.nearestState(stream, revision);
      if (mark && mark.revision > nearest.folded.state.revision) {
        // Whichever is faster. A decoded snapshot starts a line of its own (a whole state more in memory,
        // where folding on shares structure with the line it extends), but it is only faster when its
        // revision is at most about twelve times the gap (the costs above), and a story keeps few lines
        // (MAX_OTHER_LINES).
        const withSnapshot = mark.revision * DECODE_COST_PER_REVISION + (revision - mark.revision) * FOLD_COST_PER_EVENT;
        if (withSnapshot <= gap * FOLD_COST_PER_EVENT) {
          const loaded = await this.keeper.load(stream, revision);
          if (loaded && loaded.state.revision > nearest.folded.state.revision) return { folded: loaded, line: memory.startLine(loaded, forHead) };
        }
      }
    }
    if (nearest.line && !(forHead && nearest.line.bounded)) {
      if (forHead) memory.headLine = nearest.line;
      return { folded: nearest.folded, line: nearest.line };
    }
    return { folded: nearest.folded, line: memory.startLine(nearest.folded, forHead) };
  }

  /** Folds on from `from` (to `toRevision`, or the stream's end), keeping checkpoints and noting snapshots passed. */
  private async fold(storyId: string, from: Folded, line: CheckpointLine, recorder: FoldRecorder, head?: number, toRevision?: number): Promise<Folded> {
    const stream = storyStreamName(storyId);
    await this.keeper.marks(stream);
    const range = { fromRevision: from.state.revision + 1, ...(toRevision !== undefined && { toRevision }) };
    // Folded in place between the states it keeps (nobody sees the ones in between), which shares
    // structure all the same: each kept state is frozen, and the fold goes on from a draft of it.
    let folded = from;
    let draft: { fold: FoldInPlace; recordedAt: number } | undefined;
    for await (const stored of this.store.readStream(stream, range)) {
      // A long fold lets the rest of the process (and the snapshots it passed) have a turn now and then.
      if (stored.revision % YIELD_EVERY === 0) await new Promise((resolve) => setImmediate(resolve));
      draft ??= { fold: new FoldInPlace(folded.state), recordedAt: folded.recordedAt };
      draft.fold.evolve(toRecordedStoryEvent(stored));
      draft.recordedAt = laterRecordedAt(draft.recordedAt, stored.metadata['recordedAt']);
      if (!keepsStateAt(stored.revision)) continue;
      folded = { state: draft.fold.state, recordedAt: draft.recordedAt };
      draft = undefined;
      line.offer(folded);
      recorder.passed(folded, stored.hash);
    }
    if (draft) folded = { state: draft.fold.state, recordedAt: draft.recordedAt };
    recorder.done(Math.max(head ?? 0, folded.state.revision));
    return folded;
  }

  /**
   * This instance's own appends, as the store hands them over once committed (with their hashes),
   * folded into the story's head in memory like a catch-up would fold them (checkpoints and snapshots
   * passed included), so that the next write need not read them back. Only where they follow on from
   * the head and no catch-up of it is under way (that one reads them anyway); anything else is left to
   * the next read. Never throws: it runs inside the store's append.
   */
  private foldOwnAppends(events: readonly StoredEvent[]): void {
    const first = events[0];
    if (!first?.streamId.startsWith(STORY_STREAM_PREFIX)) return;
    const storyId = storyIdOfStream(first.streamId);
    const ahead = this.takeStatesAhead(storyId, events);
    const memory = this.memory.get(storyId);
    const line = memory?.headLine;
    if (!memory?.head || !line || this.catchingUp.busy(storyId) || memory.head.state.revision !== first.revision - 1) return;
    try {
      const recorder = this.recorderOf(storyId);
      let folded = memory.head;
      for (const stored of events) {
        if (stored.streamId !== first.streamId || stored.revision !== folded.state.revision + 1) throw new Error(`not the next revision of ${first.streamId}`);
        folded = foldOne(folded, stored, line, recorder, stateAheadOf(ahead.get(stored.revision), stored));
      }
      recorder.done(folded.state.revision);
      memory.head = folded;
    } catch {
      // Whatever went wrong, the head is not trusted any more: the next read folds it from the store.
      memory.head = undefined;
      memory.headLine = undefined;
    }
  }

  /** The states folded ahead for these landed events, taken out with any older ones (appends that failed). */
  private takeStatesAhead(storyId: string, events: readonly StoredEvent[]): Map<number, StateAhead> {
    const states = this.statesAhead.get(storyId);
    const taken = new Map<number, StateAhead>();
    if (!states) return taken;
    const last = events[events.length - 1]!.revision;
    for (const [revision, state] of states) {
      if (revision > last) continue;
      if (revision >= events[0]!.revision) taken.set(revision, state);
      states.delete(revision);
    }
    if (states.size === 0) this.statesAhead.delete(storyId);
    return taken;
  }

  private memoryOf(storyId: string): StoryMemory {
    const memory = this.memory.get(storyId) ?? new StoryMemory();
    this.memory.delete(storyId);
    this.memory.set(storyId, memory);
    if (this.memory.size > INDEXED_STORIES) this.memory.delete(this.memory.keys().next().value!);
    return memory;
  }
}

/**
 * One more event folded in (or its state as folded ahead, when the write path has it), its checkpoint
 * kept if it is at one, and any snapshot it passes noted.
 */
function foldOne(folded: Folded, stored: StoredEvent, line: CheckpointLine, recorder: FoldRecorder, foldedAhead?: StoryState): Folded {
  const state = foldedAhead ?? storyDecider.evolve(folded.state, toRecordedStoryEvent(stored));
  const next = { state, recordedAt: laterRecordedAt(folded.recordedAt, stored.metadata['recordedAt']) };
  line.offer(next);
  recorder.passed(next, stored.hash);
  return next;
}

/** Whether a fold keeps the state at this revision: a checkpoint of its line, or a snapshot's revision. */
function keepsStateAt(revision: number): boolean {
  return isCheckpointRevision(revision) || revision % SNAPSHOT_INTERVAL === 0;
}

/** The state folded ahead for this stored event, if it was folded from this very event. */
function stateAheadOf(ahead: StateAhead | undefined, stored: StoredEvent): StoryState | undefined {
  const same = ahead && ahead.type === stored.type && ahead.recordedAt === stored.metadata['recordedAt'] && ahead.correlationId === stored.metadata['correlationId'];
  return same ? ahead.state : undefined;
}

function notFound(storyId: string): DomainError {
  return new DomainError('StoryNotFound', `No story ${storyId}`, { storyId });
}

function revisionIn(storyId: string, revision: number, head: number): number {
  if (!Number.isInteger(revision) || revision < 0 || revision > head) {
    throw new ApiError('RevisionNotFound', `Story ${storyId} has revisions 1 to ${head}; there is no revision ${revision}`, { latestRevision: head });
  }
  return head;
}
