import assert from 'node:assert/strict';
import { storyStreamName } from '@story-tracker/domain';
import { GENESIS_HASH, chainHash, encodeStoredEvent, type StoredEvent } from '@story-tracker/event-store';
import type { Projection } from '../projection';

/**
 * Given / when / then for projections, like the decider's: events in, rows out.
 *
 *   projectionSpec(storyList)
 *     .given(onStory('a', opened('a')), onStream('other', { type: 'Whatever', data: {} }))
 *     .when(onStory('a', { type: 'StoryPublished', data: {} }))
 *     .then((rows) => expect(rows).toEqual([...]));
 *
 * Events get their stream's next revision, the next global position and a real chain link, as the
 * store would give them; each `given` and `when` is applied as one batch, as the runner does.
 */

/** What a spec builds afresh: the projection, and how to read what it wrote. */
export interface ProjectionUnderTest<Rows> {
  readonly projection: Projection;
  read(): Rows;
}

/** An event to append to one stream, before the store has numbered it. */
export interface SpecEvent {
  readonly type: string;
  readonly data: unknown;
  readonly metadata?: Readonly<Record<string, unknown>>;
}

export interface StreamEvents {
  readonly streamId: string;
  readonly events: readonly SpecEvent[];
}

export const onStream = (streamId: string, ...events: SpecEvent[]): StreamEvents => ({ streamId, events });
export const onStory = (storyId: string, ...events: SpecEvent[]): StreamEvents => onStream(storyStreamName(storyId), ...events);

const SPEC_METADATA = { actor: 'test-editor', schemaVersion: 2 };

export function projectionSpec<Rows>(build: () => ProjectionUnderTest<Rows>) {
  return {
    given: (...history: StreamEvents[]) => stage(build(), new StoreNumbering(), history),
  };
}

function stage<Rows>(underTest: ProjectionUnderTest<Rows>, numbering: StoreNumbering, history: readonly StreamEvents[]) {
  applyBatch(underTest.projection, numbering.number(history));
  return {
    when: (...more: StreamEvents[]) => stage(underTest, numbering, more),
    /** Asserts on what the projection's reader gives back now. */
    then(assertion: (rows: Rows) => void): void {
      assertion(underTest.read());
    },
    /** Asserts the checkpoint: the global position of the last event applied. */
    thenCheckpoint(expected: number): void {
      assert.equal(underTest.projection.checkpoint(), expected);
    },
  };
}

function applyBatch(projection: Projection, events: readonly StoredEvent[]): void {
  if (events.length > 0) projection.apply(events.map(encodeStoredEvent));
}

/** Revisions per stream, global positions and hash links, as a store assigns them. */
class StoreNumbering {
  private position = 0;
  private readonly heads = new Map<string, { revision: number; hash: string }>();

  number(streams: readonly StreamEvents[]): StoredEvent[] {
    return streams.flatMap(({ streamId, events }) => events.map((event) => this.next(streamId, event)));
  }

  private next(streamId: string, event: SpecEvent): StoredEvent {
    const head = this.heads.get(streamId) ?? { revision: 0, hash: GENESIS_HASH };
    const revision = head.revision + 1;
    this.position += 1;
    const metadata = { ...SPEC_METADATA, recordedAt: new Date(Date.UTC(2022, 1, 7, 8, 0, this.position)).toISOString(), ...event.metadata };
    const content = { streamId, revision, type: event.type, data: event.data, metadata };
    const hash = chainHash(head.hash, content);
    this.heads.set(streamId, { revision, hash });
    return { ...content, globalPosition: this.position, hash, previousHash: head.hash };
  }
}
