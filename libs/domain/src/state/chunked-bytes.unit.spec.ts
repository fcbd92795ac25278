import fc from 'fast-check';
import { ChunkedBytes } from './chunked-bytes';

/** Bytes, and the same bytes cut into chunks anywhere (empty chunks included). */
const cutBytes = fc
  .uint8Array({ maxLength: 64 })
  .chain((bytes) => fc.tuple(fc.constant(bytes), fc.array(fc.integer({ min: 0, max: bytes.length }), { maxLength: 8 })))
  .map(([bytes, cuts]) => {
    const at = [0, ...cuts.sort((a, b) => a - b), bytes.length];
    return { bytes, chunked: new ChunkedBytes(at.slice(1).map((end, index) => bytes.subarray(at[index], end))) };
  });

const ranges = (length: number) => fc.tuple(fc.integer({ min: 0, max: length }), fc.integer({ min: 0, max: length })).map(([a, b]) => [Math.min(a, b), Math.max(a, b)] as const);

describe('ChunkedBytes', () => {
  it('reads as the bytes it was cut from: each byte (in a walk, and out of order), the last of a byte', () => {
    fc.assert(
      fc.property(cutBytes, fc.array(fc.nat(70), { maxLength: 20 }), ({ bytes, chunked }, offsets) => {
        expect(chunked.byteLength).toBe(bytes.length);
        // In order and out of order: the lookup remembers the last chunk it found.
        const byteAt = chunked.reader();
        for (const offset of [...offsets, ...Array.from(bytes.keys())]) expect(byteAt(offset)).toBe(bytes[offset]);
        expect(byteAt(-1)).toBeUndefined();
        expect(byteAt(bytes.length)).toBeUndefined();
        for (const byte of [0, 1, 255]) {
          expect(chunked.lastIndexOf(byte)).toBe(bytes.lastIndexOf(byte));
          for (const before of offsets) if (before < bytes.length) expect(chunked.lastIndexOf(byte, before)).toBe(bytes.lastIndexOf(byte, before));
        }
      }),
    );
  });

  it('gives a range as views of its chunks, one where the range lies in one, and as one array', () => {
    fc.assert(
      fc.property(cutBytes.chain((cut) => fc.tuple(fc.constant(cut), ranges(cut.bytes.length))), ([{ bytes, chunked }, [start, end]]) => {
        const views = chunked.views(start, end);
        expect(Buffer.concat(views).equals(Buffer.from(bytes.subarray(start, end)))).toBe(true);
        expect(views.every((view) => view.byteLength > 0)).toBe(true);
        expect(Buffer.from(chunked.slice(start, end)).equals(Buffer.from(bytes.subarray(start, end)))).toBe(true);
      }),
    );
  });

  it('refuses a range outside its bytes', () => {
    const chunked = new ChunkedBytes([Uint8Array.from([1, 2]), Uint8Array.from([3])]);
    expect(() => chunked.views(2, 1)).toThrow(RangeError);
    expect(() => chunked.views(0, 4)).toThrow(RangeError);
    expect(() => chunked.slice(-1, 1)).toThrow(RangeError);
    expect(chunked.views(1, 3).map((view) => [...view])).toEqual([[2], [3]]);
    expect(chunked.slice(1, 2)).toEqual(Uint8Array.from([2]));
  });
});
