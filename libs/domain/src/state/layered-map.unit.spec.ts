import fc from 'fast-check';
import { OrderedMap } from 'immutable';
import { encodedEntriesOf } from '../testing';
import { encodedLine } from './encoded-entries';
import { LayeredMap } from './layered-map';

const decoder = new TextDecoder();

/** The entries `forEachEncoded` visits, runs of lines read back entry by entry (and their bytes checked against the entries). */
function encodedWalk(map: LayeredMap<string, number>): [string, number][] {
  const entries: [string, number][] = [];
  map.forEachEncoded(
    (key, value) => entries.push([key, value]),
    (base, first, last) => {
      const run: [string, number][] = [];
      for (let position = first; position <= last; position++) run.push([base.keyAt(position), base.valueAt(position)]);
      expect(decoder.decode(Buffer.concat(base.lines(first, last)))).toBe(run.map(([key, value]) => encodedLine(key, value)).join(''));
      entries.push(...run);
    },
  );
  return entries;
}

type Operation =
  | { readonly op: 'set'; readonly key: string; readonly value: number }
  | { readonly op: 'delete'; readonly key: string }
  | { readonly op: 'rebase' }
  | { readonly op: 'encode' };

const keys = fc.constantFrom('a', 'b', 'c', 'd', 'e', '1', '2');
const operation: fc.Arbitrary<Operation> = fc.oneof(
  fc.record({ op: fc.constant('set' as const), key: keys, value: fc.integer() }),
  fc.record({ op: fc.constant('delete' as const), key: keys }),
  fc.constant({ op: 'rebase' as const }),
  fc.constant({ op: 'encode' as const }),
);

/**
 * The same operations on an OrderedMap and a LayeredMap; `rebase` makes the layered one's entries its
 * new base, `encode` its new base as a decoded snapshot's (EncodedEntries).
 */
function apply(operations: readonly Operation[]): { expected: OrderedMap<string, number>; actual: LayeredMap<string, number>; all: LayeredMap<string, number>[] } {
  let expected = OrderedMap<string, number>();
  let actual = LayeredMap.empty<string, number>();
  const all = [actual];
  for (const operation of operations) {
    if (operation.op === 'set') {
      expected = expected.set(operation.key, operation.value);
      actual = actual.set(operation.key, operation.value);
    } else if (operation.op === 'delete') {
      expected = expected.delete(operation.key);
      actual = actual.delete(operation.key);
    } else if (operation.op === 'rebase') {
      actual = LayeredMap.of(actual);
    } else {
      actual = LayeredMap.over(encodedEntriesOf([...actual]).map);
    }
    all.push(actual);
  }
  return { expected, actual, all };
}

describe('LayeredMap', () => {
  it('reads, orders and counts as an OrderedMap after any sets, deletes and rebases (on a native or an encoded base)', () => {
    fc.assert(
      fc.property(fc.array(operation, { maxLength: 40 }), (operations) => {
        const { expected, actual } = apply(operations);
        expect([...actual]).toEqual(expected.entrySeq().toArray());
        expect(actual.size).toBe(expected.size);
        expect(actual.toObject()).toEqual(expected.toObject());
        expect([...actual.values()]).toEqual(expected.valueSeq().toArray());
        const visited: [string, number][] = [];
        actual.forEach((value, key) => visited.push([key, value]));
        expect(visited).toEqual(expected.entrySeq().toArray());
        expect(encodedWalk(actual)).toEqual(expected.entrySeq().toArray());
        for (const key of ['a', 'b', 'c', 'd', 'e', '1', '2', 'z']) {
          expect(actual.get(key)).toBe(expected.get(key));
          expect(actual.has(key)).toBe(expected.has(key));
        }
      }),
      { numRuns: 2000 },
    );
  });

  it('is persistent: every earlier map reads as it did when it was made', () => {
    fc.assert(
      fc.property(fc.array(operation, { maxLength: 30 }), (operations) => {
        const before = apply(operations).all.map((map) => [...map]);
        const { all } = apply(operations);
        // Making more maps from the earlier ones changes none of them.
        for (const map of all) map.set('a', -1).delete('b').set('z', 0);
        expect(all.map((map) => [...map])).toEqual(before);
      }),
      { numRuns: 500 },
    );
  });

  it('moves a key of the base that was deleted and set again to the end, after the keys added since', () => {
    const base = LayeredMap.of<string, number>([
      ['a', 1],
      ['b', 2],
    ]);
    const map = base.delete('a').set('c', 3).set('a', 4).set('b', 5);
    expect([...map]).toEqual([
      ['b', 5],
      ['c', 3],
      ['a', 4],
    ]);
    expect(base.get('a')).toBe(1);
  });

  it('updates with the value kept, or the one given for an absent key', () => {
    const map = LayeredMap.of<string, number>([['a', 1]]).update('a', 0, (n) => n + 1).update('b', 10, (n) => n + 1);
    expect(map.toObject()).toEqual({ a: 2, b: 11 });
    expect(JSON.stringify(map)).toBe('{"a":2,"b":11}');
  });
});

type DraftOperation = Operation | { readonly op: 'walk' } | { readonly op: 'refreeze' };
const draftOperation: fc.Arbitrary<DraftOperation> = fc.oneof(operation, fc.constant({ op: 'walk' as const }), fc.constant({ op: 'refreeze' as const }));

describe('LayeredMap drafts', () => {
  it('read, order and count as an OrderedMap after any sets, deletes, walks and freezes in place, and leave every map before them as it was', () => {
    fc.assert(
      fc.property(fc.array(operation, { maxLength: 20 }), fc.array(draftOperation, { maxLength: 40 }), (before, operations) => {
        const { expected: start, actual: from } = apply(before);
        const fromEntries = [...from];
        let expected = start;
        let draft = LayeredMap.draft(from);
        // Every map frozen on the way (as the loader's checkpoints), with the entries it had then.
        const frozen: { map: LayeredMap<string, number>; entries: [string, number][] }[] = [];
        for (const operation of operations) {
          if (operation.op === 'set') {
            expected = expected.set(operation.key, operation.value);
            expect(draft.set(operation.key, operation.value)).toBe(draft);
          } else if (operation.op === 'delete') {
            expected = expected.delete(operation.key);
            expect(draft.delete(operation.key)).toBe(draft);
          } else if (operation.op === 'walk') {
            expect(draft.toArray()).toEqual(expected.entrySeq().toArray());
            expect(encodedWalk(draft)).toEqual(expected.entrySeq().toArray());
          } else if (operation.op === 'refreeze') {
            const map = draft.freeze();
            frozen.push({ map, entries: expected.entrySeq().toArray() });
            draft = LayeredMap.draft(map);
          }
          expect(draft.size).toBe(expected.size);
          for (const key of ['a', 'b', 'z']) {
            expect(draft.get(key)).toBe(expected.get(key));
            expect(draft.has(key)).toBe(expected.has(key));
          }
        }
        const last = draft.freeze();
        for (const map of [draft, last]) {
          expect([...map]).toEqual(expected.entrySeq().toArray());
          expect(map.size).toBe(expected.size);
          for (const key of ['a', 'b', 'c', 'z']) expect(map.get(key)).toBe(expected.get(key));
        }
        // A frozen map goes on as a persistent one: the same writes give the same entries as the OrderedMap.
        expect([...last.delete('a').set('b', 7).set('a', 8)]).toEqual(expected.delete('a').set('b', 7).set('a', 8).entrySeq().toArray());
        // The map the first draft was made from, and every map frozen on the way, are as they were.
        expect([...from]).toEqual(fromEntries);
        for (const { map, entries } of frozen) {
          expect([...map]).toEqual(entries);
          expect(map.size).toBe(entries.length);
        }
      }),
      { numRuns: 2000 },
    );
  });

  it('cannot be written once frozen, and only a draft freezes', () => {
    const draft = LayeredMap.draft(LayeredMap.of([['a', 1]]));
    const frozen = draft.set('b', 2).freeze();
    expect(() => draft.set('c', 3)).toThrow(/frozen/);
    expect(() => draft.delete('a')).toThrow(/frozen/);
    expect(() => draft.freeze()).toThrow(/once/);
    expect(() => frozen.freeze()).toThrow(/Only a draft/);
    expect(() => LayeredMap.draft(LayeredMap.draft(frozen))).toThrow(/persistent map/);
    expect(frozen.set('c', 3).toObject()).toEqual({ a: 1, b: 2, c: 3 });
    expect(frozen.toObject()).toEqual({ a: 1, b: 2 });
  });

  it('moves a key from below that was deleted and set again to the end, after the keys added since', () => {
    const from = LayeredMap.of<string, number>([
      ['a', 1],
      ['b', 2],
    ]).set('c', 3);
    const draft = LayeredMap.draft(from).delete('a').set('d', 4).delete('c').set('a', 5).set('c', 6).set('b', 7);
    expect([...draft.freeze()]).toEqual([
      ['b', 7],
      ['d', 4],
      ['a', 5],
      ['c', 6],
    ]);
    expect([...from]).toEqual([
      ['a', 1],
      ['b', 2],
      ['c', 3],
    ]);
  });
});
