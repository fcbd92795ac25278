import { initialStoryState, type StoryState } from '@story-tracker/domain';
import type { Folded } from './folded';
import { CHECKPOINT_INTERVAL, CheckpointLine, EARLY_CHECKPOINT_INTERVAL, StoryMemory } from './story-checkpoints';

/** A folded state that only says its revision: all a line looks at. */
const at = (revision: number): Folded => ({ state: { ...initialStoryState, revision } as StoryState, recordedAt: revision });
const revisions = (line: CheckpointLine) => line.checkpoints.map((checkpoint) => checkpoint.state.revision);

describe('a line of checkpoints', () => {
  it('keeps its start and its early checkpoints however long it grows, letting the oldest later ones go', () => {
    const line = new CheckpointLine(at(0));
    for (let revision = 1; revision <= 150_000; revision++) line.offer(at(revision));
    const kept = revisions(line);
    expect(kept[0]).toBe(0);
    const early = Array.from({ length: 2000 / EARLY_CHECKPOINT_INTERVAL }, (_, index) => (index + 1) * EARLY_CHECKPOINT_INTERVAL);
    expect(kept.slice(1, early.length + 1)).toEqual(early);
    expect(kept.length).toBe(200);
    // The later ones are the newest, every CHECKPOINT_INTERVAL, up to the end.
    const later = kept.slice(early.length + 1);
    expect(later.at(-1)).toBe(150_000);
    expect(later.every((revision, index) => index === 0 || revision - later[index - 1]! === CHECKPOINT_INTERVAL)).toBe(true);
  });

  it('leaves a story its early checkpoints when a long line from the empty story is let go', () => {
    const memory = new StoryMemory();
    const line = memory.startLine(at(0));
    for (let revision = 1; revision <= 100_000; revision++) line.offer(at(revision));
    // Reads far along the story start lines of their own, which push the first one out.
    for (const start of [40_000, 60_000, 80_000, 90_000]) memory.startLine(at(start));
    expect(memory.nearest(1234).folded.state.revision).toBe(1234 - (1234 % EARLY_CHECKPOINT_INTERVAL));
  });
});
