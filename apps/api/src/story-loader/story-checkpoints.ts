import { storyDecider } from '@story-tracker/domain';
import type { Folded } from './folded';

/** In memory, a checkpoint is kept every this many revisions of a line of folding… */
export const CHECKPOINT_INTERVAL = 500;
/**
 * …and, up to EARLY_REVISIONS, every EARLY_CHECKPOINT_INTERVAL: a story's early states are small (its
 * first 2,000 revisions are documents of tens of KiB), so a read among them costs its fold, and a fold
 * of at most 99 events keeps it to a millisecond or two, for a few MiB at most.
 */
export const EARLY_CHECKPOINT_INTERVAL = 100;
const EARLY_REVISIONS = 2000;
/** Checkpoints kept per line; the oldest go first. */
const MAX_CHECKPOINTS_PER_LINE = 200;
/**
 * Lines kept per story besides the head's; the least recently used goes first. Three, not two, since
 * every 10,000th state is on disk and reads far apart decode more of them (each starts a line).
 */
const MAX_OTHER_LINES = 3;

/**
 * States of one line of folding: a start (the empty story, or a snapshot decoded from the store) and
 * the checkpoints folded on from it. They share structure (immutable.js), so a checkpoint costs about
 * what 500 events add, while every line's start costs a whole state: hence few lines, many checkpoints.
 */
export class CheckpointLine {
  readonly checkpoints: Folded[];

  constructor(start: Folded) {
    this.checkpoints = [start];
  }

  /** The latest checkpoint at or below `revision`. */
  at(revision: number): Folded | undefined {
    let best: Folded | undefined;
    for (const checkpoint of this.checkpoints) if (checkpoint.state.revision <= revision && (!best || checkpoint.state.revision > best.state.revision)) best = checkpoint;
    return best;
  }

  /** Keeps a state folded on this line, if it is at a checkpoint revision not yet kept. */
  offer(folded: Folded): void {
    const { revision } = folded.state;
    if (!isCheckpointRevision(revision) || this.checkpoints.some((checkpoint) => checkpoint.state.revision === revision)) return;
    this.checkpoints.push(folded);
    this.checkpoints.sort((a, b) => a.state.revision - b.state.revision);
    if (this.checkpoints.length > MAX_CHECKPOINTS_PER_LINE) this.checkpoints.shift();
  }
}

/** A story in memory: its head (when something asked for it) and a few lines of checkpoints. */
export class StoryMemory {
  head: Folded | undefined;
  headLine: CheckpointLine | undefined;
  private others: CheckpointLine[] = [];

  /** The latest checkpoint at or below `revision` of any line, with its line; the empty story when none. */
  nearest(revision: number): { folded: Folded; line: CheckpointLine | undefined } {
    let best: { folded: Folded; line: CheckpointLine | undefined } = { folded: { state: storyDecider.initialState, recordedAt: 0 }, line: undefined };
    for (const line of this.lines()) {
      const folded = line.at(revision);
      if (folded && folded.state.revision > best.folded.state.revision) best = { folded, line };
    }
    if (best.line && best.line !== this.headLine) this.others = [best.line, ...this.others.filter((line) => line !== best.line)];
    return best;
  }

  /** A new line from a state decoded from the store (or the empty story). */
  startLine(start: Folded, forHead = false): CheckpointLine {
    const line = new CheckpointLine(start);
    if (forHead) this.headLine = line;
    else this.others = [line, ...this.others].slice(0, MAX_OTHER_LINES);
    return line;
  }

  private lines(): CheckpointLine[] {
    return this.headLine ? [this.headLine, ...this.others] : this.others;
  }
}

/** Whether a line keeps the state at this revision as a checkpoint. */
function isCheckpointRevision(revision: number): boolean {
  return revision % (revision <= EARLY_REVISIONS ? EARLY_CHECKPOINT_INTERVAL : CHECKPOINT_INTERVAL) === 0;
}
