import { List } from 'immutable';

/**
 * An estimate as a rescan of its force and location compares it, kept beside its record: a rescan
 * reads none of the records but the two it picks (a decoded snapshot's records are parsed when read,
 * and a key has thousands of estimates on a long story).
 */
export interface EstimateMark {
  readonly developmentId: string;
  readonly worldTime: number;
  readonly revision: number;
  readonly retracted: boolean;
}

/** Marks read from a snapshot, made the first time something reads them; shared by every list appended on from them. */
class WrittenMarks {
  private list: List<EstimateMark> | undefined;

  constructor(private read: (() => Iterable<EstimateMark>) | undefined) {}

  get(): List<EstimateMark> {
    if (this.list === undefined) {
      this.list = List(this.read!());
      this.read = undefined;
    }
    return this.list;
  }
}

/** A mark added after the written ones: appended, or put in the place of the same estimate's mark if there is one. */
interface Added {
  readonly mark: EstimateMark;
  readonly replaces: boolean;
}

/**
 * A force and location's estimates as marks, in record order (immutable). Those of a decoded snapshot
 * stay unparsed until a rescan reads them: a new estimate's mark, or a corrected one's, is only noted
 * after them, and put in its place when the whole list is first read.
 *
 * Why: new estimates and their corrections are most of what a long story gets, and each touches its
 * key's marks. On the bench's 100,000-event story a key has about 2,400 marks (120 KB of JSON), so
 * parsing them on the first change after a snapshot was decoded was most of a fold of 1,000 events
 * (44 ms for the 20 keys, of 45–100 ms in all); a rescan (a correction that moves or retracts the
 * current estimate) is rare.
 */
export class EstimateMarks implements Iterable<EstimateMark> {
  private static readonly EMPTY = new EstimateMarks(List());

  /** `list`: every mark; or, until it is first asked for, the written marks and what was added after them. */
  private constructor(
    private list: List<EstimateMark> | undefined,
    private written?: WrittenMarks,
    private added: List<Added> = List(),
  ) {}

  static empty(): EstimateMarks {
    return EstimateMarks.EMPTY;
  }

  static of(marks: Iterable<EstimateMark>): EstimateMarks {
    return new EstimateMarks(List(marks));
  }

  /** Marks as a snapshot holds them: `read` makes them when they are first needed, and is then let go. */
  static written(read: () => Iterable<EstimateMark>): EstimateMarks {
    return new EstimateMarks(undefined, new WrittenMarks(read));
  }

  /** These marks and one more after them. */
  push(mark: EstimateMark): EstimateMarks {
    if (this.list) return new EstimateMarks(this.list.push(mark));
    return new EstimateMarks(undefined, this.written, this.added.push({ mark, replaces: false }));
  }

  /** The marks with this estimate's mark in its place (looked for from the end: corrections are mostly of recent estimates), or after them if it has none. */
  withMark(mark: EstimateMark): EstimateMarks {
    if (!this.list) return new EstimateMarks(undefined, this.written, this.added.push({ mark, replaces: true }));
    const index = this.list.findLastIndex(({ developmentId }) => developmentId === mark.developmentId);
    return new EstimateMarks(index < 0 ? this.list.push(mark) : this.list.set(index, mark));
  }

  /** The marks without this estimate's. */
  without(developmentId: string): EstimateMarks {
    return new EstimateMarks(this.toList().filter((mark) => mark.developmentId !== developmentId));
  }

  /** Every mark, in record order (the written ones made now if they were not yet). */
  toList(): List<EstimateMark> {
    if (this.list === undefined) {
      this.list = withAdded(this.written!.get(), this.added);
      // Let go of what the list was made from (the marks added would otherwise be kept twice).
      [this.written, this.added] = [undefined, List()];
    }
    return this.list;
  }

  [Symbol.iterator](): Iterator<EstimateMark> {
    return this.toList()[Symbol.iterator]();
  }

  toJSON(): EstimateMark[] {
    return this.toList().toArray();
  }
}

/** The written marks with the added ones applied in order: appended, or a replacement put in its mark's place. */
function withAdded(written: List<EstimateMark>, added: List<Added>): List<EstimateMark> {
  if (added.size === 0) return written;
  if (!added.some(({ replaces }) => replaces)) return written.concat(added.map(({ mark }) => mark));
  // Replacements in order, each in the place of the last mark of its estimate so far (as withMark on the list would).
  const marks = written.toArray();
  const places = new Map(marks.map(({ developmentId }, index) => [developmentId, index]));
  for (const { mark, replaces } of added) {
    const place = replaces ? places.get(mark.developmentId) : undefined;
    if (place !== undefined) {
      marks[place] = mark;
      continue;
    }
    places.set(mark.developmentId, marks.length);
    marks.push(mark);
  }
  return List(marks);
}
