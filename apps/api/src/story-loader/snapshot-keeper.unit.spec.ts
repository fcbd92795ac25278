import { keepsState, recentStateStep } from './snapshot-keeper';

describe('which snapshot states are kept', () => {
  it('keeps every multiple of 10,000 and the newest two at the recent step', () => {
    const kept = (head: number) => Array.from({ length: head / 1000 }, (_, i) => (i + 1) * 1000).filter((revision) => keepsState(revision, head));
    expect(kept(3500)).toEqual([2000, 3000]);
    expect(kept(25_000)).toEqual([10_000, 20_000, 22_000, 24_000]);
    expect(kept(100_000)).toEqual([10_000, 20_000, 30_000, 40_000, 50_000, 60_000, 70_000, 80_000, 88_000, 90_000, 96_000, 100_000]);
  });

  it('spaces the newest states further apart as the story grows, so each append costs about the same encoding', () => {
    expect([1_000, 16_000, 16_001, 40_000, 100_000, 10_000_000].map(recentStateStep)).toEqual([1000, 1000, 2000, 4000, 8000, 8000]);
  });

  it('keeps nothing off the grid or beyond the head', () => {
    expect(keepsState(1500, 2000)).toBe(false);
    expect(keepsState(3000, 2000)).toBe(false);
    expect(keepsState(0, 2000)).toBe(false);
  });
});
