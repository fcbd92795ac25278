import { keepsDelta, keepsState, keptForGood, recentStateStep } from './snapshot-keeper';

describe('which snapshot states are kept', () => {
  it('keeps states for good at most a quarter of their revision apart, and the newest two at the recent step', () => {
    const kept = (head: number) => Array.from({ length: head / 1000 }, (_, i) => (i + 1) * 1000).filter((revision) => keepsState(revision, head));
    const early = [4000, 5000, 6000, 7000, 8000, 10_000, 12_000, 14_000, 16_000, 18_000, 20_000, 25_000, 30_000, 35_000];
    expect(kept(3500)).toEqual([2000, 3000]);
    expect(kept(25_000)).toEqual([4000, 5000, 6000, 7000, 8000, 10_000, 12_000, 14_000, 16_000, 18_000, 20_000, 22_000, 24_000, 25_000]);
    expect(kept(100_000)).toEqual([...early, 40_000, 50_000, 60_000, 70_000, 80_000, 88_000, 90_000, 96_000, 100_000]);
    // Whatever the head: the gap below any revision from 4,000 on is at most a quarter of it.
    for (let revision = 4000; revision <= 200_000; revision += 1000) {
      let below = revision;
      while (!keptForGood(below)) below -= 1000;
      expect(revision - below).toBeLessThanOrEqual(revision / 4);
    }
  });

  it('spaces the newest states further apart as the story grows, so each append costs about the same encoding', () => {
    expect([1_000, 16_000, 16_001, 40_000, 100_000, 10_000_000].map(recentStateStep)).toEqual([1000, 1000, 2000, 4000, 8000, 8000]);
  });

  it('keeps deltas only where they are at least DELTA_MIN_GAIN above the state kept for good below', () => {
    const deltas = Array.from({ length: 60 }, (_, i) => (i + 1) * 1000).filter(keepsDelta);
    expect(deltas).toEqual([23_000, 24_000, 28_000, 29_000, 33_000, 34_000, 38_000, 39_000, 43_000, 44_000, 45_000, 46_000, 47_000, 48_000, 49_000, 53_000, 54_000, 55_000, 56_000, 57_000, 58_000, 59_000]);
    expect(keepsDelta(43_500)).toBe(false);
  });

  it('keeps nothing off the grid or beyond the head', () => {
    expect(keepsState(1500, 2000)).toBe(false);
    expect(keepsState(3000, 2000)).toBe(false);
    expect(keepsState(0, 2000)).toBe(false);
  });
});
