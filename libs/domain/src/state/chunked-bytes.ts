/**
 * Bytes kept as chunks one after the other, read as if they were one array: a snapshot's pieces as the
 * store hands them over, or a state decoded from a delta, made of runs of its base's bytes and of the
 * delta's own. Nothing is copied to make one, and the chunks are never written.
 *
 * Why: the state of a long story is tens of MiB. Joining a snapshot's pieces into one array, and then
 * copying a delta's state out of its base, moved up to 60 MiB per read at a random revision, and the
 * garbage collector paid for it again (a full collection after most such reads).
 */
export class ChunkedBytes {
  readonly byteLength: number;
  private readonly chunks: readonly Uint8Array[];
  /** Where each chunk starts, and (last) where the bytes end. */
  private readonly offsets: Float64Array;
  /** The chunk the last lookup found: most reads go through the bytes in order. */
  private last = 0;

  constructor(chunks: readonly Uint8Array[]) {
    this.chunks = chunks.filter((chunk) => chunk.byteLength > 0);
    this.offsets = new Float64Array(this.chunks.length + 1);
    let at = 0;
    this.chunks.forEach((chunk, index) => {
      this.offsets[index] = at;
      at += chunk.byteLength;
    });
    this.offsets[this.chunks.length] = at;
    this.byteLength = at;
  }

  static of(bytes: Uint8Array | ChunkedBytes): ChunkedBytes {
    return bytes instanceof ChunkedBytes ? bytes : new ChunkedBytes([bytes]);
  }

  /**
   * The byte at an offset (undefined outside the bytes, as an array's would be), for a walk whose
   * offsets mostly go up (the lines of a state, checked as they are made): the chunk at hand is kept
   * in the closure, so most reads are one comparison and an index.
   */
  reader(): (offset: number) => number | undefined {
    let [chunk, start, end]: [Uint8Array, number, number] = [new Uint8Array(0), 0, 0];
    return (offset) => {
      if (offset < start || offset >= end) {
        if (!(offset >= 0 && offset < this.byteLength)) return undefined;
        const index = this.chunkAt(offset);
        [chunk, start, end] = [this.chunks[index]!, this.offsets[index]!, this.offsets[index + 1]!];
      }
      return chunk[offset - start];
    };
  }

  /** The bytes from `start` to `end` (not included) as views of the chunks, in order: one where they lie in one chunk. */
  views(start: number, end: number): Uint8Array[] {
    this.assertRange(start, end);
    if (start === end) return [];
    const views: Uint8Array[] = [];
    for (let index = this.chunkAt(start); index < this.chunks.length && this.offsets[index]! < end; index++) {
      const offset = this.offsets[index]!;
      views.push(this.chunks[index]!.subarray(Math.max(start - offset, 0), Math.min(end, this.offsets[index + 1]!) - offset));
    }
    return views;
  }

  /** The bytes from `start` to `end` as one array: a view where they lie in one chunk, a copy otherwise. */
  slice(start: number, end: number): Uint8Array {
    const views = this.views(start, end);
    if (views.length === 1) return views[0]!;
    const bytes = new Uint8Array(end - start);
    let at = 0;
    for (const view of views) {
      bytes.set(view, at);
      at += view.byteLength;
    }
    return bytes;
  }

  /** The offset of the last `byte` at or before `before`, or -1. */
  lastIndexOf(byte: number, before = this.byteLength - 1): number {
    for (let index = this.chunks.length - 1; index >= 0; index--) {
      const offset = this.offsets[index]!;
      if (offset > before) continue;
      const found = this.chunks[index]!.lastIndexOf(byte, before - offset);
      if (found >= 0) return offset + found;
    }
    return -1;
  }

  /** The chunk that holds `offset`, a byte of these bytes. */
  private chunkAt(offset: number): number {
    const offsets = this.offsets;
    let index = this.last;
    if (!(offsets[index]! <= offset && offset < offsets[index + 1]!)) {
      if (offsets[index + 1]! <= offset && offset < offsets[index + 2]!) index++;
      else {
        let [low, high] = [0, this.chunks.length - 1];
        while (low < high) {
          const middle = (low + high + 1) >>> 1;
          if (offsets[middle]! <= offset) low = middle;
          else high = middle - 1;
        }
        index = low;
      }
    }
    this.last = index;
    return index;
  }

  private assertRange(start: number, end: number): void {
    if (!(Number.isInteger(start) && Number.isInteger(end) && 0 <= start && start <= end && end <= this.byteLength)) {
      throw new RangeError(`Bytes ${start} to ${end} of ${this.byteLength}`);
    }
  }
}
