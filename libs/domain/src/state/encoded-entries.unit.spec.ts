import { encodedEntriesOf } from '../testing';
import { EncodedEntries, encodedLine } from './encoded-entries';

const encoder = new TextEncoder();
const decoder = new TextDecoder();

describe('EncodedEntries', () => {
  it('parses a value only when it is asked for, and once', () => {
    const { map, revived } = encodedEntriesOf([['a', { n: 1 }], ['b', { n: 2 }], ['c', { n: 3 }]]);
    expect(map.size).toBe(3);
    expect(map.has('b')).toBe(true);
    expect(revived).toEqual([]);
    expect(map.get('b')).toEqual({ n: 2 });
    expect(map.get('b')).toBe(map.get('b'));
    expect(revived).toEqual(['b']);
    expect([...map]).toEqual([['a', { n: 1 }], ['b', { n: 2 }], ['c', { n: 3 }]]);
    expect(revived).toEqual(['b', 'a', 'c']);
  });

  it.each([
    ['in ascending order (binary search)', ['01FA', '01FB', '01FC', '01FD', '01FE']],
    ['in any order (an index)', ['Russia|border', 'Belarus|Minsk', '7', '__proto__', 'Ukraine|Kyiv']],
  ])('finds every key and no other, keys %s', (_order, keys) => {
    const { map } = encodedEntriesOf(keys.map((key, index) => [key, index] as const));
    keys.forEach((key, index) => {
      expect(map.has(key)).toBe(true);
      expect(map.get(key)).toBe(index);
    });
    for (const absent of ['', '0', '01F', '01FAA', '01FZ', 'zzz', 'Russia|bord']) expect(map.has(absent)).toBe(false);
    expect([...map.keys()]).toEqual(keys);
    // A walk of a map mostly unparsed parses every line in one go, named or not.
    for (const named of [true, false]) {
      const fresh = encodedEntriesOf(keys.map((key, index) => [key, { index }] as const), named);
      expect(fresh.map.get(keys[1]!)).toEqual({ index: 1 });
      const second = fresh.map.get(keys[1]!);
      expect([...fresh.map.values()]).toEqual(keys.map((_key, index) => ({ index })));
      expect(fresh.map.get(keys[1]!)).toBe(second);
      expect(fresh.revived).toHaveLength(keys.length);
    }
  });

  it('reads values under keys that are not ASCII, and keeps every line as it was written', () => {
    const entries: [string, unknown][] = [
      ['Kyiv–Київ', { text: 'Zelenskyy: «Ми тут»' }],
      ['plain', { text: 'a\nb "quoted"' }],
      ['😀', [1, 2]],
    ];
    const { map } = encodedEntriesOf(entries);
    entries.forEach(([key, value]) => expect(map.get(key)).toEqual(value));
    expect(decoder.decode(Buffer.concat(map.lines(0, 2)))).toBe(entries.map(([key, value]) => encodedLine(key, value)).join(''));
    expect(map.lineLength(0)).toBe(encoder.encode(encodedLine(...entries[0]!)).byteLength);
  });

  it('reads values from lines without their keys (collections that are no part of the document)', () => {
    const entries: [string, unknown][] = [['Київ', { text: '«Ми тут»' }], ['b', [1, 'two']]];
    const { map } = encodedEntriesOf(entries, false);
    expect([...map]).toEqual(entries);
    expect(decoder.decode(Buffer.concat(map.lines(0, 1)))).toBe('{"text":"«Ми тут»"},[1,"two"],');
  });

  it('bisects many keys in ascending order, present or not, before an index is worth making', () => {
    const keys = Array.from({ length: 200 }, (_, index) => `01FS${String(index * 2).padStart(4, '0')}`);
    const entries = keys.map((key, index) => [key, index] as const);
    // Fewer lookups than a quarter of the keys: every one of them bisects.
    keys.forEach((key, index) => {
      const { map } = encodedEntriesOf(entries);
      expect(map.get(key)).toBe(index);
      expect(map.has(`01FS${String(index * 2 + 1).padStart(4, '0')}`)).toBe(false);
      expect(map.has(`${key}0`)).toBe(false);
    });
  });

  it('refuses a key given twice, and lines that are not these entries', () => {
    expect(() => encodedEntriesOf([['b', 1], ['a', 2], ['b', 3]])).toThrow(/twice/);
    expect(() => encodedEntriesOf([['a', 1], ['a', 2]])).toThrow(/twice/);
    expect(() => new EncodedEntries(['a'], new Uint8Array(), new Uint32Array(1), (_key, json) => json)).toThrow(/1 keys for 0 lines/);
    const bytes = encoder.encode('"a":1,"b":2.');
    expect(() => new EncodedEntries(['a', 'b'], bytes, Uint32Array.from([0, 6, 12]), (_key, json) => json)).toThrow(/Line 1 \(b\)/);
    expect(() => new EncodedEntries(['a', 'b'], bytes, Uint32Array.from([0, 5, 12]), (_key, json) => json)).toThrow(/Line 0 \(a\)/);
    expect(() => new EncodedEntries(['a', 2 as unknown as string], encoder.encode('"a":1,"b":2,'), Uint32Array.from([0, 6, 12]), (_key, json) => json)).toThrow(/Line 1/);
  });
});
