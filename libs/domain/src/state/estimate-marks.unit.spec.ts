import fc from 'fast-check';
import { List } from 'immutable';
import { EstimateMarks, type EstimateMark } from './estimate-marks';

const mark = (developmentId: string, worldTime = 1, retracted = false): EstimateMark => ({ developmentId, worldTime, revision: Number(developmentId.slice(1)), retracted });
const ids = (marks: EstimateMarks) => [...marks].map(({ developmentId, retracted }) => `${developmentId}${retracted ? '×' : ''}`);

describe('EstimateMarks', () => {
  it('appends to written marks without reading them, and reads them once when asked', () => {
    let reads = 0;
    const written = EstimateMarks.written(() => {
      reads++;
      return [mark('e1'), mark('e2')];
    });
    const appended = written.push(mark('e3')).push(mark('e4'));
    expect(reads).toBe(0);
    expect(ids(appended)).toEqual(['e1', 'e2', 'e3', 'e4']);
    expect(ids(written)).toEqual(['e1', 'e2']);
    expect(ids(written.push(mark('e5')))).toEqual(['e1', 'e2', 'e5']);
    expect(reads).toBe(1);
  });

  it('replaces or removes a mark wherever it is, as a plain list would', () => {
    const all = ['e1', 'e2', 'e3', 'e4'];
    const lists = [EstimateMarks.of(all.map((id) => mark(id))), EstimateMarks.written(() => all.slice(0, 2).map((id) => mark(id))).push(mark('e3')).push(mark('e4'))];
    for (const marks of lists) {
      for (const id of all) {
        expect(ids(marks.withMark(mark(id, 2, true)))).toEqual(all.map((other) => (other === id ? `${id}×` : other)));
        expect(ids(marks.without(id))).toEqual(all.filter((other) => other !== id));
      }
      expect(ids(marks.withMark(mark('e9')))).toEqual([...all, 'e9']);
      expect(ids(marks.without('e9'))).toEqual(all);
      expect(ids(marks)).toEqual(all);
    }
  });

  it('is empty to begin with', () => {
    expect(ids(EstimateMarks.empty())).toEqual([]);
    expect(ids(EstimateMarks.empty().push(mark('e1')))).toEqual(['e1']);
    expect(ids(EstimateMarks.empty())).toEqual([]);
  });

  it('gives, after any pushes, replacements and removals on written marks, what the same on a plain list gives', () => {
    // The list the code used before: push, replace the last mark of the estimate (or push), filter.
    const reference = {
      push: (marks: List<EstimateMark>, mark: EstimateMark) => marks.push(mark),
      withMark: (marks: List<EstimateMark>, mark: EstimateMark) => {
        const index = marks.findLastIndex(({ developmentId }) => developmentId === mark.developmentId);
        return index < 0 ? marks.push(mark) : marks.set(index, mark);
      },
      without: (marks: List<EstimateMark>, id: string) => marks.filter(({ developmentId }) => developmentId !== id),
    };
    const id = fc.integer({ min: 1, max: 8 }).map((n) => `e${n}`);
    const op = fc.oneof(
      fc.record({ kind: fc.constant('push' as const), id, time: fc.integer({ min: 0, max: 3 }) }),
      fc.record({ kind: fc.constant('withMark' as const), id, time: fc.integer({ min: 0, max: 3 }) }),
      fc.record({ kind: fc.constant('without' as const), id, time: fc.constant(0) }),
      fc.record({ kind: fc.constant('read' as const), id, time: fc.constant(0) }),
    );
    fc.assert(
      fc.property(fc.uniqueArray(id, { maxLength: 5 }), fc.array(op, { maxLength: 12 }), (writtenIds, ops) => {
        const written = writtenIds.map((developmentId) => mark(developmentId));
        let expected = List(written);
        let marks = EstimateMarks.written(() => written);
        const kept: [EstimateMarks, List<EstimateMark>][] = [];
        for (const { kind, id: developmentId, time } of ops) {
          if (kind === 'read') {
            expect([...marks]).toEqual(expected.toArray());
            continue;
          }
          if (kind === 'without') [marks, expected] = [marks.without(developmentId), reference.without(expected, developmentId)];
          else [marks, expected] = [marks[kind](mark(developmentId, time)), reference[kind](expected, mark(developmentId, time))];
          kept.push([marks, expected]);
        }
        // Every list on the way still reads as it did (persistent), the last one too.
        for (const [list, same] of kept) expect([...list]).toEqual(same.toArray());
        expect(marks.toJSON()).toEqual(expected.toArray());
      }),
    );
  });
});

