import { pooledRandomBytes, pooledRandomFraction } from './random-pool';

describe('the pool of random bytes', () => {
  it('hands out bytes once: no two draws share a byte of the pool, across refills', () => {
    const draws = Array.from({ length: 1000 }, () => pooledRandomBytes(16));
    // 16 random bytes repeat by chance with probability ~2^-128: equal draws mean bytes handed out twice.
    expect(new Set(draws.map((bytes) => bytes.toString('hex'))).size).toBe(draws.length);
    // A draw is a view that the next refill must not overwrite.
    const first = Buffer.from(draws[0]!);
    pooledRandomBytes(4096);
    pooledRandomBytes(4000);
    expect(draws[0]).toEqual(first);
  });

  it('answers a draw larger than the pool with fresh bytes of that length', () => {
    expect(pooledRandomBytes(10_000)).toHaveLength(10_000);
  });

  it('gives fractions in [0, 1) that reach every one of 32 equal buckets (what a ULID character takes)', () => {
    const buckets = new Array<number>(32).fill(0);
    for (let i = 0; i < 32_000; i++) {
      const fraction = pooledRandomFraction();
      expect(fraction).toBeGreaterThanOrEqual(0);
      expect(fraction).toBeLessThan(1);
      buckets[Math.floor(fraction * 32)]! += 1;
    }
    // 1,000 expected per bucket; a fair source stays far inside these bounds (over 10 standard deviations).
    for (const count of buckets) expect(count).toBeGreaterThan(700);
    for (const count of buckets) expect(count).toBeLessThan(1300);
  });
});
