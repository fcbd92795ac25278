import fc from 'fast-check';
import { OrderedMap } from 'immutable';
import { LayeredMap } from './layered-map';

type Operation = { readonly op: 'set'; readonly key: string; readonly value: number } | { readonly op: 'delete'; readonly key: string } | { readonly op: 'rebase' };

const keys = fc.constantFrom('a', 'b', 'c', 'd', 'e', '1', '2');
const operation: fc.Arbitrary<Operation> = fc.oneof(
  fc.record({ op: fc.constant('set' as const), key: keys, value: fc.integer() }),
  fc.record({ op: fc.constant('delete' as const), key: keys }),
  fc.constant({ op: 'rebase' as const }),
);

/** The same operations on an OrderedMap and a LayeredMap; `rebase` makes the layered one's entries its new base (as a decoded snapshot). */
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
    } else {
      actual = LayeredMap.of(actual);
    }
    all.push(actual);
  }
  return { expected, actual, all };
}

describe('LayeredMap', () => {
  it('reads, orders and counts as an OrderedMap after any sets, deletes and rebases', () => {
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

describe('LayeredMap drafts', () => {
  it('read, order and count as an OrderedMap after any sets and deletes in place, and freeze into the same entries', () => {
    fc.assert(
      fc.property(fc.array(operation, { maxLength: 20 }), fc.array(operation, { maxLength: 40 }), (before, operations) => {
        const { expected: start, actual: from } = apply(before);
        const fromEntries = [...from];
        let expected = start;
        const draft = LayeredMap.draft(from);
        for (const operation of operations) {
          if (operation.op === 'set') {
            expected = expected.set(operation.key, operation.value);
            expect(draft.set(operation.key, operation.value)).toBe(draft);
          } else if (operation.op === 'delete') {
            expected = expected.delete(operation.key);
            expect(draft.delete(operation.key)).toBe(draft);
          }
          expect(draft.size).toBe(expected.size);
        }
        const frozen = draft.freeze();
        for (const map of [draft, frozen]) {
          expect([...map]).toEqual(expected.entrySeq().toArray());
          for (const key of ['a', 'b', 'c', 'z']) expect(map.get(key)).toBe(expected.get(key));
        }
        // The map the draft was copied from is as it was.
        expect([...from]).toEqual(fromEntries);
      }),
      { numRuns: 1000 },
    );
  });

  it('cannot be written once frozen, and only a draft freezes', () => {
    const draft = LayeredMap.draft(LayeredMap.of([['a', 1]]));
    const frozen = draft.set('b', 2).freeze();
    expect(() => draft.set('c', 3)).toThrow(/frozen/);
    expect(() => draft.delete('a')).toThrow(/frozen/);
    expect(() => draft.freeze()).toThrow(/once/);
    expect(() => frozen.freeze()).toThrow(/Only a draft/);
    expect(frozen.set('c', 3).toObject()).toEqual({ a: 1, b: 2, c: 3 });
    expect(frozen.toObject()).toEqual({ a: 1, b: 2 });
  });
});
