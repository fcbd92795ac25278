import { decodeTime, isValid } from 'ulid';
import { UlidGenerator } from './clock';

describe('UlidGenerator', () => {
  it('makes valid ULIDs of the current time, each greater than the one before (even within one millisecond)', () => {
    const ids = new UlidGenerator();
    const before = Date.now();
    const made = Array.from({ length: 2000 }, () => ids.next());
    for (const id of made) expect(isValid(id)).toBe(true);
    expect(decodeTime(made[0]!)).toBeGreaterThanOrEqual(before);
    expect(decodeTime(made.at(-1)!)).toBeLessThanOrEqual(Date.now());
    expect([...made].sort()).toEqual(made);
    expect(new Set(made).size).toBe(made.length);
  });

  it('draws the random part evenly over every character of the alphabet', () => {
    // A generator each: within one millisecond a generator's next id is its last one plus one, and only
    // a first id's random part is drawn whole.
    const randomParts = Array.from({ length: 400 }, () => new UlidGenerator().next().slice(10)).join('');
    expect(new Set(randomParts).size).toBe(32);
  });
});
