import { initialStoryState } from '@story-tracker/domain';
import { InMemoryEventStore, InMemorySnapshotStore } from '@story-tracker/event-store';
import type { Folded } from './folded';
import { SnapshotKeeper } from './snapshot-keeper';
import { SNAPSHOT_CODE_VERSION } from './snapshot-bytes';

const STREAM = 'story-long-fold';
const at = (revision: number): Folded => ({ state: { ...initialStoryState, exists: true, id: 'long-fold', revision }, recordedAt: revision });

describe('the snapshot keeper writing what a fold passed', () => {
  it('writes every state kept for good that a long fold passes, however many wait at once', async () => {
    const snapshots = new InMemorySnapshotStore();
    const keeper = new SnapshotKeeper(new InMemoryEventStore(), snapshots);
    const recorder = keeper.recorder(STREAM);
    // Passed in one go, with no turn of the event loop between: all wait together.
    for (const revision of [10_000, 20_000, 30_000, 40_000, 50_000]) recorder.passed(at(revision), `hash-${revision}`);
    recorder.done(50_000);
    await keeper.flushed();
    const marks = await snapshots.marks(STREAM, SNAPSHOT_CODE_VERSION);
    expect(marks.filter((mark) => mark.hasState).map((mark) => mark.revision)).toEqual([10_000, 20_000, 30_000, 40_000, 50_000]);
  });

  it('lets go of a recent state past the two waiting, keeping its time mark', async () => {
    const snapshots = new InMemorySnapshotStore();
    const keeper = new SnapshotKeeper(new InMemoryEventStore(), snapshots);
    // Three stories folded at once, each passing its newest recent state (at 1,000, 2,000 and 3,000).
    const streams = ['story-a', 'story-b', 'story-c'];
    streams.forEach((stream, index) => {
      const recorder = keeper.recorder(stream);
      recorder.passed(at(1000 * (index + 1)), `hash-${stream}`);
      recorder.done(1000 * (index + 1) + 500);
    });
    await keeper.flushed();
    const kept = await Promise.all(streams.map(async (stream) => (await snapshots.marks(stream, SNAPSHOT_CODE_VERSION)).map((mark) => [mark.revision, mark.hasState])));
    expect(kept).toEqual([[[1000, false]], [[2000, true]], [[3000, true]]]);
  });
});
