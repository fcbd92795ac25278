import { Inject, Injectable } from '@nestjs/common';
import { DomainError, storyDecider, storyStreamName, toRecordedStoryEvent, type RecordedStoryEvent, type StoryState } from '@story-tracker/domain';
import type { EventStore } from '@story-tracker/event-store';
import { KeyedQueue } from '../common/keyed-queue';
import { ApiError } from '../errors/api-error';
import { EVENT_STORE } from '@story-tracker/runtime';

/** A checkpoint state is kept every this many revisions; reading any revision folds at most this many events. */
export const CHECKPOINT_INTERVAL = 500;
const INDEXED_STORIES = 128;

interface StoryIndex {
  /** checkpoints[k] is the state at revision k × CHECKPOINT_INTERVAL (k = 0: before the first event). */
  readonly checkpoints: StoryState[];
  /** recordedAt (ms) of each revision: recordedAt[r - 1] for revision r, never decreasing. */
  readonly recordedAt: number[];
  head: StoryState;
}

/**
 * Loads a story from its stream, for the write path and the reads alike: the latest state, the state
 * at any revision or record time (time travel), and its events upcast. States share structure
 * (immutable.js), so keeping one every CHECKPOINT_INTERVAL revisions costs little more memory than
 * the head alone, and any revision of a long story is a checkpoint plus a short fold (with the story
 * decider's `evolve`). The index is built on first use and extended from the store as the story grows.
 */
@Injectable()
export class StoryLoader {
  private readonly indexes = new Map<string, StoryIndex>();
  /** One catch-up at a time per story, so concurrent readers never fold the same events twice. */
  private readonly catchingUp = new KeyedQueue();

  constructor(@Inject(EVENT_STORE) private readonly store: EventStore) {}

  /** The latest state; for a story that does not exist, the empty state (`exists: false`). */
  async current(storyId: string): Promise<StoryState> {
    return (await this.catchUp(storyId)).head;
  }

  /**
   * StoryNotFound unless the story exists, from the stream's head alone: for reads that walk the raw
   * stream themselves (audit, export, live), without folding the story first.
   */
  async assertExists(storyId: string): Promise<void> {
    if ((await this.store.streamRevision(storyStreamName(storyId))) === 0) throw new DomainError('StoryNotFound', `No story ${storyId}`, { storyId });
  }

  /** The latest state of an existing story; StoryNotFound otherwise. */
  async latest(storyId: string): Promise<StoryState> {
    return (await this.index(storyId)).head;
  }

  /** RevisionNotFound unless the story has `revision` (0 is the story before it was opened). */
  async assertRevision(storyId: string, revision: number): Promise<void> {
    revisionIn(await this.index(storyId), storyId, revision);
  }

  /** The state right after `revision`; 0 is the story before it was opened. */
  async stateAt(storyId: string, revision: number): Promise<StoryState> {
    const index = revisionIn(await this.index(storyId), storyId, revision);
    if (revision === index.head.revision) return index.head;
    const checkpoint = Math.floor(revision / CHECKPOINT_INTERVAL);
    let state = index.checkpoints[checkpoint]!;
    for await (const event of this.events(storyId, checkpoint * CHECKPOINT_INTERVAL + 1, revision)) state = storyDecider.evolve(state, event);
    return state;
  }

  /** The last revision recorded at or before `asOf`; RevisionNotFound before the story was opened. */
  async revisionAsOf(storyId: string, asOf: Date): Promise<number> {
    const { recordedAt } = await this.index(storyId);
    const time = asOf.getTime();
    let low = 0;
    let high = recordedAt.length;
    while (low < high) {
      const middle = (low + high) >>> 1;
      if (recordedAt[middle]! <= time) low = middle + 1;
      else high = middle;
    }
    if (low === 0) {
      throw new ApiError('RevisionNotFound', `Story ${storyId} did not exist yet at ${asOf.toISOString()}`, {
        createdAt: new Date(recordedAt[0]!).toISOString(),
      });
    }
    return low;
  }

  /** Events of a revision range, upcast to their current shape. */
  async *events(storyId: string, fromRevision: number, toRevision?: number): AsyncIterable<RecordedStoryEvent> {
    const range = { fromRevision, ...(toRevision !== undefined && { toRevision }) };
    for await (const stored of this.store.readStream(storyStreamName(storyId), range)) yield toRecordedStoryEvent(stored);
  }

  /** The index of an existing story, caught up with the store. */
  private async index(storyId: string): Promise<StoryIndex> {
    const index = await this.catchUp(storyId);
    if (!index.head.exists) throw new DomainError('StoryNotFound', `No story ${storyId}`, { storyId });
    return index;
  }

  private catchUp(storyId: string): Promise<StoryIndex> {
    return this.catchingUp.run(storyId, () => this.extend(storyId));
  }

  private async extend(storyId: string): Promise<StoryIndex> {
    const index = this.indexes.get(storyId) ?? { checkpoints: [storyDecider.initialState], recordedAt: [], head: storyDecider.initialState };
    for await (const event of this.events(storyId, index.head.revision + 1)) {
      index.head = storyDecider.evolve(index.head, event);
      index.recordedAt.push(Math.max(Date.parse(event.metadata.recordedAt), index.recordedAt.at(-1) ?? 0));
      if (event.revision % CHECKPOINT_INTERVAL === 0) index.checkpoints.push(index.head);
    }
    if (index.head.exists) this.remember(storyId, index);
    return index;
  }

  private remember(storyId: string, index: StoryIndex): void {
    this.indexes.delete(storyId);
    this.indexes.set(storyId, index);
    if (this.indexes.size > INDEXED_STORIES) this.indexes.delete(this.indexes.keys().next().value!);
  }
}

function revisionIn(index: StoryIndex, storyId: string, revision: number): StoryIndex {
  if (!Number.isInteger(revision) || revision < 0 || revision > index.head.revision) {
    throw new ApiError('RevisionNotFound', `Story ${storyId} has revisions 1 to ${index.head.revision}; there is no revision ${revision}`, {
      latestRevision: index.head.revision,
    });
  }
  return index;
}
