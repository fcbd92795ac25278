import { performance } from 'node:perf_hooks';

/** Where the runner writes its progress lines: a structured logger (pino's `info(fields, message)`). */
export interface ProgressLog {
  info(fields: Readonly<Record<string, unknown>>, message: string): void;
}

export interface CatchUpProgressOptions {
  /** A catch-up of at least this many events is logged (default 50,000). */
  readonly threshold?: number;
  /** Time between two progress lines (default 5000 ms). */
  readonly intervalMs?: number;
}

/**
 * Progress of a long catch-up (a read model rebuilt after a bulk import, or after its file was
 * deleted): a line every few seconds with the events applied, the total and the rate, and one when it
 * is done. Short catch-ups (a normal restart) say nothing.
 */
export class CatchUpProgress {
  private readonly started = performance.now();
  private lastLine = this.started;
  private done = false;

  constructor(
    private readonly log: ProgressLog | undefined,
    private readonly from: number,
    private readonly head: number,
    private readonly options: CatchUpProgressOptions = {},
  ) {}

  get logged(): boolean {
    return this.log !== undefined && this.head - this.from >= (this.options.threshold ?? 50_000);
  }

  /** Called after each applied batch with the position reached. */
  reached(position: number): void {
    if (this.done || !this.logged) return;
    const now = performance.now();
    if (position >= this.head) {
      this.done = true;
      this.log!.info(this.fields(position, now), 'Read models caught up');
    } else if (now - this.lastLine >= (this.options.intervalMs ?? 5000)) {
      this.lastLine = now;
      this.log!.info(this.fields(position, now), 'Read models catching up');
    }
  }

  private fields(position: number, now: number): Record<string, unknown> {
    const eventsDone = Math.min(position, this.head) - this.from;
    const seconds = (now - this.started) / 1000;
    return {
      eventsDone,
      eventsTotal: this.head - this.from,
      eventsPerSecond: seconds > 0 ? Math.round(eventsDone / seconds) : eventsDone,
      elapsedMs: Math.round(now - this.started),
      position,
      head: this.head,
    };
  }
}
