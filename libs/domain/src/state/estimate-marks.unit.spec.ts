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
});
