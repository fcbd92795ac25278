import { storyDecider } from '@story-tracker/domain';
import type { Folded } from './folded';

/** In memory, a checkpoint is kept every this many revisions of a line of folding… */
export const CHECKPOINT_INTERVAL = 500;
/**
 * …and, up to EARLY_REVISIONS, every EARLY_CHECKPOINT_INTERVAL: a story's early states are small (its
 * first 2,000 revisions are documents of tens of KiB), so a read among them costs its fold, and a fold
 * of at most 24 events keeps it under a millisecond (at 100, a fold of up to 99 took 1–3 ms of a read's
 * 2–3), for a few MiB at most.
 */
export const EARLY_CHECKPOINT_INTERVAL = 25;
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

  /** `until`: the last revision this line keeps a checkpoint at (a fold on from it keeps nothing later). */
  constructor(
    start: Folded,
    private readonly until = Infinity,
  ) {
    this.checkpoints = [start];
  }

  /** Whether the line keeps no checkpoints past some revision (the early one): no line for a head to fold on. */
  get bounded(): boolean {
    return this.until !== Infinity;
  }

  /** The latest checkpoint at or below `revision`. */
  at(revision: number): Folded | undefined {
    let best: Folded | undefined;
    for (const checkpoint of this.checkpoints) if (checkpoint.state.revision <= revision && (!best || checkpoint.state.revision > best.state.revision)) best = checkpoint;
    return best;
  }

  /** A line of this one's start and its checkpoints up to `revision`, keeping none after it. */
  upTo(revision: number): CheckpointLine {
    const line = new CheckpointLine(this.checkpoints[0]!, revision);
    line.checkpoints.push(...this.checkpoints.slice(1).filter((checkpoint) => checkpoint.state.revision <= revision));
    return line;
  }

  /** Keeps a state folded on this line, if it is at a checkpoint revision not yet kept. */
  offer(folded: Folded): void {
    const { revision } = folded.state;
    if (!isCheckpointRevision(revision) || revision > this.until || this.checkpoints.some((checkpoint) => checkpoint.state.revision === revision)) return;
    this.checkpoints.push(folded);
    this.checkpoints.sort((a, b) => a.state.revision - b.state.revision);
    if (this.checkpoints.length <= MAX_CHECKPOINTS_PER_LINE) return;
    // The oldest goes, but never the line's start, nor an early checkpoint while later ones are left:
    // a long line from the empty story keeps what reads among the first revisions fold from.
    const later = this.checkpoints.findIndex((checkpoint, index) => index > 0 && checkpoint.state.revision > EARLY_REVISIONS);
    this.checkpoints.splice(later > 0 ? later : 1, 1);
  }
}

/** A story in memory: its head (when something asked for it) and a few lines of checkpoints. */
export class StoryMemory {
  head: Folded | undefined;
  private currentHeadLine: CheckpointLine | undefined;
  private others: CheckpointLine[] = [];
  /**
   * The early checkpoints (up to EARLY_REVISIONS) of a line from the empty story, once that line is
   * let go: a few MiB that keep every read among the first revisions a fold of at most 24 events,
   * where reads far along the story (each starting a line from a decoded snapshot) pushed it out.
   */
  private early: CheckpointLine | undefined;

  get headLine(): CheckpointLine | undefined {
    return this.currentHeadLine;
  }

  set headLine(line: CheckpointLine | undefined) {
    const before = this.currentHeadLine;
    this.currentHeadLine = line;
    if (before && before !== line) this.letGo([before]);
  }

  /** The latest checkpoint at or below `revision` of any line, with its line; the empty story when none. */
  nearest(revision: number): { folded: Folded; line: CheckpointLine | undefined } {
    let best: { folded: Folded; line: CheckpointLine | undefined } = { folded: { state: storyDecider.initialState, recordedAt: 0 }, line: undefined };
    for (const line of this.lines()) {
      const folded = line.at(revision);
      if (folded && folded.state.revision > best.folded.state.revision) best = { folded, line };
    }
    if (best.line && best.line !== this.headLine && best.line !== this.early) this.others = [best.line, ...this.others.filter((line) => line !== best.line)];
    return best;
  }

  /** A new line from a state decoded from the store (or the empty story). */
  startLine(start: Folded, forHead = false): CheckpointLine {
    const line = new CheckpointLine(start);
    if (forHead) this.headLine = line;
    else {
      this.others = [line, ...this.others];
      this.letGo(this.others.splice(MAX_OTHER_LINES));
    }
    return line;
  }

  private lines(): CheckpointLine[] {
    const lines = this.headLine ? [this.headLine, ...this.others] : [...this.others];
    if (this.early) lines.push(this.early);
    return lines;
  }

  /** Lines no longer kept: of one from the empty story, its early checkpoints stay. */
  private letGo(lines: readonly CheckpointLine[]): void {
    for (const line of lines) {
      if (line.checkpoints[0]!.state.revision !== 0 || this.lines().includes(line)) continue;
      const early = line.upTo(EARLY_REVISIONS);
      if (!this.early || early.checkpoints.length > this.early.checkpoints.length) this.early = early;
    }
  }
}

/** Whether a line keeps the state at this revision as a checkpoint. */
export function isCheckpointRevision(revision: number): boolean {
  return revision % (revision <= EARLY_REVISIONS ? EARLY_CHECKPOINT_INTERVAL : CHECKPOINT_INTERVAL) === 0;
}
